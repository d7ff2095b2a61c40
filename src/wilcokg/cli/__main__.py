"""`python -m wilcokg.cli`: the `wilcokg` command, for where its script is not on the PATH."""

import sys

from wilcokg.cli.commands import main

sys.exit(main())
