package server

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// "Hent som Digital Post-besked" follows the final PDF's button: enabled only for the body found
// valid, and it asks /v1/messages for that body. Under a standard without a CVR number the
// page says so beside the button, and the final PDF stays available (#26).
func TestPreviewDownloadsTheMessage(t *testing.T) {
	t.Parallel() // in a tab of its own (newBrowser)
	for _, withCVR := range []bool{false, true} {
		s := newTestServer(t, nil)
		if withCVR {
			s = newMessageServer(t, nil)
		}
		ts := httptest.NewServer(s)
		t.Cleanup(ts.Close)
		b := newBrowser(t)
		b.do(t, chromedp.Navigate(ts.URL+"/"))
		b.waitFor(t, "a valid letter", `document.getElementById("status").className === "ok" && !document.getElementById("download-final").disabled`)
		var ok bool
		b.eval(t, `!document.getElementById("download-message").disabled`, &ok)
		if !ok {
			t.Fatal("the message button is disabled while the final letter may be downloaded")
		}
		b.eval(t, recordPosts, &ok)
		b.eval(t, setValue(`document.getElementById("f-citizen_2ename")`, "Anna Hansen"), &ok)
		b.eval(t, `document.getElementById("download-message").disabled`, &ok)
		if !ok {
			t.Error("the message button stays enabled while the edited decision is not yet checked")
		}
		b.waitFor(t, "the edit to be checked", `document.getElementById("status").className === "ok" && !document.getElementById("download-message").disabled`)
		b.do(t, chromedp.Click(chromedp.CSS("#download-message")))
		b.waitFor(t, "the message to be asked for", lastPost("/v1/messages")+` !== ""`)
		var sent string
		b.eval(t, lastPost("/v1/messages"), &sent)
		if !strings.Contains(sent, "Anna Hansen") {
			t.Errorf("the message was asked for without the edit: %.200s", sent)
		}
		if withCVR {
			continue // the browser saves the file; nothing is said on the page
		}
		b.waitFor(t, "the missing CVR to be told", `!document.getElementById("message-fault").hidden`)
		var state struct {
			Fault string
			Final bool
		}
		b.eval(t, `({Fault: document.getElementById("message-fault").textContent, Final: !document.getElementById("download-final").disabled})`, &state)
		if !strings.Contains(state.Fault, "municipality.cvr") || !state.Final {
			t.Errorf("without a CVR: %+v", state)
		}
	}
}
