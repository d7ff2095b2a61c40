"""Pictures the server draws as self-contained SVG: who does what, per city and for the whole book.

`network_svg(store, city)` reads the roles of `queries/actor-roles.rq` from a store and draws them;
`network_picture(rows)` draws given rows. The steps, one module each: `model` (the rows), `reading`
(the questions the rows are read with, for any store, answered at once or asynchronously), `store`
(a pyoxigraph store answering them), `graph` (rows to nodes and edges), `ordering` (few crossings),
`text` and `geometry` (measuring), `legend` and `network` (where everything goes), `svg` (drawing).
"""

from wilcokg.pictures.model import Node, Role, RoleRow, Status
from wilcokg.pictures.reading import RoleNetwork, read_network
from wilcokg.pictures.store import network_svg, role_network, role_rows
from wilcokg.pictures.svg import network_picture

__all__ = [
    "Node",
    "Role",
    "RoleNetwork",
    "RoleRow",
    "Status",
    "network_picture",
    "network_svg",
    "read_network",
    "role_network",
    "role_rows",
]
