"""Pictures the server draws as self-contained SVG: who does what, per city and for the whole book.

`network_svg(store, city)` reads the roles of `queries/actor-roles.rq` from a store and draws them;
`network_picture(rows)` draws given rows. The steps, one module each: `model` (the rows), `graph`
(rows to nodes and edges), `ordering` (few crossings), `text` and `geometry` (measuring), `legend`
and `network` (where everything goes), `svg` (drawing), `store` (reading the rows).
"""

from wilcokg.pictures.model import Node, Role, RoleRow, Status
from wilcokg.pictures.store import network_svg, role_rows
from wilcokg.pictures.svg import network_picture

__all__ = ["Node", "Role", "RoleRow", "Status", "network_picture", "network_svg", "role_rows"]
