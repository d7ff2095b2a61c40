"""The source text: a chapter file parsed into headings, paragraphs, footnotes and sentences, and
the reports folder read into chapters placed in their cities (the build's parse stage)."""
