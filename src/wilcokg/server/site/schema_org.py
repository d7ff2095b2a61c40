"""The home page's schema.org description: the knowledge graph as a Dataset with its downloads."""

from __future__ import annotations

from typing import Any

from wilcokg.describe.catalog import LICENCE
from wilcokg.describe.coverage import STUDY_PERIOD
from wilcokg.file_types import packed
from wilcokg.server.linked_data.schema_org import SCHEMA_ORG
from wilcokg.server.site.downloads import Download
from wilcokg.vocab import DATASET


def home_schema_org(base_iri: str, url: str, downloads: list[Download]) -> dict[str, Any]:
    """The home page's JSON-LD: the knowledge graph as a schema.org Dataset with its downloads."""
    distribution = [
        {
            "@type": "DataDownload",
            "name": download.name,
            "contentUrl": f"{url.rstrip('/')}/downloads/{download.name}",
            "encodingFormat": file_type.media_type,
            "contentSize": f"{download.size} B",
        }
        for download in downloads
        if (file_type := packed(download.name)) and download.whole_graph
    ]
    return {
        "@context": SCHEMA_ORG,
        "@type": "Dataset",
        "@id": DATASET.value,
        "name": "WILCO knowledge graph",
        "description": "Cities, actors, policy fields, social innovations and keywords of the WILCO e-book chapters "
        "(EU FP7, 2010-2014), with text evidence for every link.",
        "url": url,
        "license": LICENCE.value,
        "isAccessibleForFree": True,
        "temporalCoverage": "/".join(STUDY_PERIOD),
        "inLanguage": "en",
        "distribution": distribution,
    }
