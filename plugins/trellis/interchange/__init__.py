"""Other tools' files in and out of the journal: LinkedIn's and vCard's people read (`linkedin`,
`vcard`, `people`) and merged into contact files (`merge`); the journal written out as JSON and
vCards (`export`) and as a calendar (`calendar`)."""
