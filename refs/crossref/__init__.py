"""Stage 2, Crossref: stored reference entries in, works and statuses out.

In: the entries the store holds (parsed at ingest). Out: each entry's status
(``resolved``, ``matched``, ``not_found``, ``could_not_check``, ``unmatched``,
``not_applicable``) and its work filled from the Crossref record, with authors,
abstract and notices. ``transport`` is the one HTTP seam, ``client`` the one
habanero adapter, ``records`` parses Crossref JSON into ``Work``, ``match``
compares a reference with a record, ``resolve`` plans, fetches and applies.
"""

# Settings read from the environment (here, so reading them imports nothing heavy).
ENV_BASE_URL = "REFS_CROSSREF_URL"
ENV_MAILTO = "REFS_MAILTO"
ENV_TIMEOUT = "REFS_CROSSREF_TIMEOUT"  # seconds to wait for one answer
ENV_DEADLINE = "REFS_CROSSREF_DEADLINE"  # seconds one run may spend on the network
