"""What each audience sees of a journal, and the guard that checks a public site holds nothing private.

One concern a module; each imports only modules listed before it:

* `folding`: how a text is compared (case, accents, look-alike letters, every kind of space);
* `spellings`: the written forms of a name, a birthday, a profile link;
* `keys`: `Person`, and every written form of every private person as the matcher's keys;
* `context`: where a text is about a person (a first name that is also a calendar or common word);
* `matching`: `Matcher`, the one definition of "this text names a private person";
* `passages`: private texts (notes, summaries) protected as text;
* `redaction`: people replaced in rendered HTML; code and attributes reported;
* `headings`: people replaced in Markdown's headings before rendering (anchors, the table of contents);
* `frames`: a whole page redacted piece by piece, each distinct piece (of the theme's frame) once;
* `visible`: a page's text as a reader sees it (a name split by markup), as the guard reads it;
* `redactor`: one build's redaction, each distinct text matched once; the values Trellis' pages print;
* `audience`: owner or public, and the switches that publish more than the default;
* `files`: which files the public site may carry, and the contact files a public build stops on;
* `labels`: how an unnamed person is shown, which of their qualities may be (k-anonymity);
* `private_texts`: the journal's private texts (notes, summaries, private entries...) for `passages`;
* `people`: who the public view must not name, with what else their file gives away;
* `view`: `View`, what one audience sees of one journal;
* `site_text`: any built file read as text (compressed, any encoding, images, in pieces);
* `page_reading`: a page as the guard reads it, each distinct line and tag of a site once a build;
* `guard`: the privacy guard over a built site, used by the build, `trellis publish` and the tests;
* `guard_worker`: the guard in a forked process, reading a build's pages as MkDocs writes them;
* `surfaces`: what the site prints around a page (mkdocs.yml, the frame, includes), redacted;
* `exclusion`: the `exclude_docs` lines that keep records out of any engine's own pages;
* `repository`: what a public repository holding the journal exposes;
* `order`: the network map's anonymous order.
"""
