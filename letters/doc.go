// Package letters is the service the server and the commands use: Open builds it with every
// letter kind of a § 104 case (the registry in kinds/registry.go) under every standard pack it
// is given, and its types are the ones callers name (the rule codes: Service.Rules, or the
// kinds' packages). The work is done beside it: engine/
// (decoding, checking, findings, composing, wording, choosing the standard), standard/ (the
// packs), kinds/<kind>/ (each kind's request type, rules and composition), cpr/, workdays/ and
// lix/.
package letters
