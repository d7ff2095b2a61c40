"""Pictures the server draws as self-contained SVG: who does what, per city and for the whole book.

`network_svg(store, city)` reads the roles of `queries/actor-roles.rq` from a store and draws them;
`network_picture(rows)` draws given rows. The steps, one module each: `model` (the rows), `graph`
(rows to nodes and edges), `ordering` (few crossings), `text` and `geometry` (measuring), `legend`
and `network` (where everything goes), `svg` (drawing), `store` (reading the rows).
"""
