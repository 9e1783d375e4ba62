package followup

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/engine"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// Name is the kind's name in a request ("kind").
const Name = "follow_up"

// FollowUp invites to the follow-up of a granted offer (LIFECYCLE-LETTERS.md, "follow_up").
type FollowUp struct {
	engine.Envelope
	LetterDate string `json:"letter_date" validate:"required,date"`
	engine.Parties
	Offer             string  `json:"offer" validate:"required"`
	StartDate         string  `json:"start_date" validate:"required,date"`
	DevelopmentCourse *string `json:"development_course" validate:"omitnil,enum=development_course"`
	Meeting           Meeting `json:"meeting"`

	facts followUpFacts
}

// Meeting is when and where the follow-up takes place.
type Meeting struct {
	Date  string `json:"date" validate:"required,date"`
	Time  string `json:"time" validate:"required,clock"`
	Place string `json:"place" validate:"required"`
}

// RuleFollowUpTiming is the follow-up letter's warning.
const RuleFollowUpTiming = "follow_up_timing"

type followUpFacts struct {
	engine.Addressee
	start, meeting, earliest, firstAssessment, next time.Time
}

// FollowUpDates are the dates a follow-up letter states.
type FollowUpDates struct {
	LetterReceived  string `json:"letter_received,omitempty"`
	FirstAssessment string `json:"first_assessment,omitempty"`
	Meeting         string `json:"meeting,omitempty"`
	NextFollowUp    string `json:"next_follow_up,omitempty"`
}

var Kind = &engine.LetterKind[FollowUp]{
	Name:      Name,
	DateField: "letter_date",
	Prepare:   prepareFollowUp,
	API:       api,
	Rules: []engine.Rule[FollowUp]{
		{Code: engine.RuleCPRInvalid, Basis: engine.BasisLaw, Check: func(c *engine.Checker, f *FollowUp) { engine.CheckCPR(c, f.Citizen.CPR) }},
		{Code: engine.RuleDatesOrder, Basis: engine.BasisLaw, Check: followUpDatesOrder},
		{Code: engine.RuleAddressRequired, Basis: engine.BasisLaw, Check: func(c *engine.Checker, f *FollowUp) { engine.CheckPostalAddress(c, f.Delivery, f.Citizen.Address) }},
		{Code: RuleFollowUpTiming, Basis: engine.BasisStandard, Warn: true, Check: followUpTiming},
	},
	Dates: func(f *FollowUp) any {
		x := &f.facts
		return FollowUpDates{LetterReceived: engine.ISODate(x.Received), FirstAssessment: engine.ISODate(x.firstAssessment),
			Meeting: engine.ISODate(x.meeting), NextFollowUp: engine.ISODate(x.next)}
	},
	Compose: composeFollowUp,
}

// prepareFollowUp: the first assessment the standard's first_follow_up after the start (3 months
// in Brønderslev), and the next follow-up follow_up after this meeting (a year). A development
// course has close follow-up instead: the first at least close_follow_up after the start, and
// no cadence: the next is agreed at the meeting, so there is no next date.
func prepareFollowUp(std *engine.Standard, f *FollowUp) {
	x := &f.facts
	x.Addressee = engine.PrepareAddressee(std, f.LetterDate, f.Delivery, f.Citizen)
	x.start, x.meeting = engine.ParseDate(f.StartDate), engine.ParseDate(f.Meeting.Date)
	course := f.DevelopmentCourse != nil
	if !x.start.IsZero() {
		x.earliest = std.Numbers.FirstFollowUp.After(x.start)
		if course {
			x.earliest = std.Numbers.CloseFollowUp.After(x.start)
		}
		x.firstAssessment = workdays.Next(x.earliest)
	}
	if !x.meeting.IsZero() && !course {
		x.next = workdays.Next(std.Numbers.FollowUp.After(x.meeting))
	}
}

// dates_order: the meeting is before the letter, or before the day the citizen receives it by
// ordinary post (6 working days after its date), or the offer starts after the meeting.
func followUpDatesOrder(c *engine.Checker, f *FollowUp) {
	engine.CheckAfter(c, "meeting.date", "meeting", f.facts.Date, f.facts.meeting)
	if !f.facts.meeting.Before(f.facts.Date) {
		engine.CheckAfter(c, "meeting.date", "meeting_receipt", f.facts.Received, f.facts.meeting)
	}
	engine.CheckAfter(c, "start_date", "start", f.facts.start, f.facts.meeting)
}

// follow_up_timing (warning): the meeting is earlier than the first follow-up after the start
// (close_follow_up for a development course).
func followUpTiming(c *engine.Checker, f *FollowUp) {
	x := &f.facts
	if !x.meeting.IsZero() && !x.earliest.IsZero() && x.meeting.Before(x.earliest) {
		c.Report("meeting.date", "", map[string]any{"Earliest": x.earliest})
	}
}

type followUpView struct {
	Std                   *engine.Standard
	Head                  engine.Letterhead
	F                     *FollowUp
	Start, Meeting, Next  time.Time
	FirstAssessment       time.Time
	Course                bool
	CourseName, MeetingAt string
}

func composeFollowUp(cp *engine.Composer, f *FollowUp) {
	x := &f.facts
	v := &followUpView{Std: cp.Std, Head: x.Head(cp.Std, f.Delivery, f.Case, f.Citizen), F: f, Start: x.start,
		Meeting: x.meeting, Next: x.next, FirstAssessment: x.firstAssessment, Course: f.DevelopmentCourse != nil}
	if v.Course {
		v.CourseName = cp.Words.Label("development_course", *f.DevelopmentCourse)
	}
	c := cp.With(v)
	c.Letterhead(v.Head, Name, f.Case.JournalNumber+"-"+f.Meeting.Date)
	c.Heading(1, "follow_up.title")
	c.Summary(Name)
	c.Add(engine.ParagraphStrong(c.Text("follow_up.result")))
	c.Heading(2, "follow_up.meeting.heading")
	c.Add(document.Fields{Items: []document.Field{
		c.Field("follow_up.meeting.date", c.Words.Date(x.meeting)),
		c.Field("follow_up.meeting.time", f.Meeting.Time),
		c.Field("follow_up.meeting.place", f.Meeting.Place),
	}})
	c.Paragraphs("follow_up.meeting.change")
	c.Heading(2, "follow_up.topics.heading")
	c.Paragraphs("follow_up.topics.intro")
	c.List("follow_up.topics.items")
	c.Heading(2, "follow_up.next.heading")
	c.Paragraphs("follow_up.next.text")
	c.Signature(v.Head)
}
