package letters

import (
	"time"

	"github.com/bronderslev/afgorelsesbreve/letters/document"
	"github.com/bronderslev/afgorelsesbreve/letters/workdays"
)

// FollowUp invites to the follow-up of a granted offer (LIFECYCLE-LETTERS.md, "follow_up").
type FollowUp struct {
	Kind              string  `json:"kind"`
	LetterDate        string  `json:"letter_date" validate:"required,date"`
	Delivery          string  `json:"delivery" validate:"required,enum=delivery"`
	Case              Case    `json:"case"`
	Citizen           Citizen `json:"citizen"`
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
	addressee
	start, meeting, earliest, firstAssessment, next time.Time
}

// FollowUpDates are the dates a follow-up letter states.
type FollowUpDates struct {
	LetterReceived  string `json:"letter_received,omitempty"`
	FirstAssessment string `json:"first_assessment,omitempty"`
	Meeting         string `json:"meeting,omitempty"`
	NextFollowUp    string `json:"next_follow_up,omitempty"`
}

var followUpKind = &letterKind[FollowUp]{
	name:    KindFollowUp,
	prepare: prepareFollowUp,
	rules: []rule[FollowUp]{
		{code: RuleCPRInvalid, check: func(c *checker, f *FollowUp) { checkCPR(c, f.Citizen.CPR) }},
		{code: RuleDatesOrder, check: followUpDatesOrder},
		{code: RuleAddressRequired, check: func(c *checker, f *FollowUp) { checkPostalAddress(c, f.Delivery, f.Citizen.Address) }},
		{code: RuleFollowUpTiming, warn: true, check: followUpTiming},
	},
	dates: func(f *FollowUp) any {
		x := &f.facts
		return FollowUpDates{LetterReceived: isoDate(x.received), FirstAssessment: isoDate(x.firstAssessment),
			Meeting: isoDate(x.meeting), NextFollowUp: isoDate(x.next)}
	},
	compose: composeFollowUp,
}

// prepareFollowUp: the first assessment 3 months after the start; after this meeting, the next
// follow-up comes 3 months later for a development course (close follow-up), else a year later.
func prepareFollowUp(std *Standard, f *FollowUp) {
	x := &f.facts
	x.addressee = prepareAddressee(std, f.LetterDate, f.Delivery, f.Citizen)
	x.start, x.meeting = parseDate(f.StartDate), parseDate(f.Meeting.Date)
	if !x.start.IsZero() {
		x.earliest = workdays.AddMonths(x.start, std.FirstAssessmentMonths)
		x.firstAssessment = workdays.Next(x.earliest)
	}
	if !x.meeting.IsZero() {
		months := std.YearlyFollowUpMonths
		if f.DevelopmentCourse != nil {
			months = std.CloseFollowUpMonths
		}
		x.next = workdays.Next(workdays.AddMonths(x.meeting, months))
	}
}

// dates_order: the meeting is before the letter, or the offer starts after the meeting.
func followUpDatesOrder(c *checker, f *FollowUp) {
	checkAfter(c, "meeting.date", "meeting", f.facts.date, f.facts.meeting)
	checkAfter(c, "start_date", "start", f.facts.start, f.facts.meeting)
}

// follow_up_timing (warning): the meeting is earlier than 3 months after the start.
func followUpTiming(c *checker, f *FollowUp) {
	x := &f.facts
	if !x.meeting.IsZero() && !x.earliest.IsZero() && x.meeting.Before(x.earliest) {
		c.report("meeting.date", "", map[string]any{"Earliest": x.earliest})
	}
}

type followUpView struct {
	Std                   *Standard
	Head                  Letterhead
	F                     *FollowUp
	Start, Meeting, Next  time.Time
	FirstAssessment       time.Time
	First, Course         bool
	CourseName, MeetingAt string
}

func composeFollowUp(c *composer, f *FollowUp) {
	x := &f.facts
	v := &followUpView{Std: c.std, Head: x.head(c.std, f.Delivery, f.Case, f.Citizen), F: f, Start: x.start,
		Meeting: x.meeting, Next: x.next, FirstAssessment: x.firstAssessment, Course: f.DevelopmentCourse != nil,
		First: !x.meeting.IsZero() && x.meeting.Before(workdays.AddMonths(x.start, c.std.YearlyFollowUpMonths))}
	if v.Course {
		v.CourseName = c.words.labels.label("development_course", *f.DevelopmentCourse)
	}
	c.data = v
	c.letterhead(v.Head, KindFollowUp, f.Case.JournalNumber+"-"+f.Meeting.Date)
	c.heading(1, "follow_up.title")
	c.summary(KindFollowUp)
	c.add(paragraphStrong(c.text("follow_up.result")))
	c.heading(2, "follow_up.meeting.heading")
	c.add(document.Fields{Items: []document.Field{
		c.field("follow_up.meeting.date", c.words.date(x.meeting)),
		c.field("follow_up.meeting.time", f.Meeting.Time),
		c.field("follow_up.meeting.place", f.Meeting.Place),
	}})
	c.paragraphs("follow_up.meeting.change")
	c.heading(2, "follow_up.topics.heading")
	c.paragraphs("follow_up.topics.intro")
	c.list("follow_up.topics.items")
	c.heading(2, "follow_up.next.heading")
	c.paragraphs("follow_up.next.text")
	c.signature(v.Head)
}
