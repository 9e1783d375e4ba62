// Package letters is the service the server and the commands use: New builds it with every
// letter kind of a § 104 case (the registry in kinds.go), and its types and rule codes are the
// ones callers name. The work is done beside it: engine/ (decoding, checking, findings,
// composing, wording, the standard), kinds/<kind>/ (each kind's request type, rules and
// composition), cpr/, workdays/ and lix/.
package letters
