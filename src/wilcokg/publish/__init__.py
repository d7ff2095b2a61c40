"""Publishing: `dist/` written from the sorted quads, atomically (its file names: `wilcokg.dist_layout`).

Everything is sorted before it is written, so the same inputs give byte-identical files. The dumps
are made from the quads sorted once (`wilcokg.quad_order`): the TriG from all of them
(`documents`), the triple dumps from the N-Triples lines of their union (`ntriples`), which sort as
the triples do. `staging` writes, hashes and gzips each file in threads, and swaps
the new folder in; `candidates` is the curation list.
"""
