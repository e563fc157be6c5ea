"""ACLED's regions and country names, keyed by ISO 3166-1 alpha-2.

Kept as a Python mapping (not a data file) so it ships inside the package with no package-data
rule; it is ACLED's published region scheme, which changes rarely. Countries not listed fall
back on their GeoNames continent (EU -> Europe, SA -> South America, OC -> Oceania).
"""

from __future__ import annotations

_REGIONS: dict[str, str] = {
    "Middle East": "AE BH CY IL IQ IR JO KW LB OM PS QA SA SY TR YE",
    "Caucasus and Central Asia": "AM AZ GE KG KZ TJ TM UZ",
    "South Asia": "AF BD BT IN LK MV NP PK",
    "East Asia": "CN HK JP KP KR MN MO TW",
    "Southeast Asia": "BN ID KH LA MM MY PH SG TH TL VN",
    "Northern Africa": "DZ EG LY MA TN EH",
    "Western Africa": "BF BJ CI CV GH GM GN GW LR ML MR NE NG SH SL SN TG",
    "Middle Africa": "AO CD CF CG CM GA GQ ST TD",
    "Eastern Africa": "BI DJ ER ET KE KM MG MU MW MZ RE RW SC SO SS SD TZ UG YT ZM ZW",
    "Southern Africa": "BW LS NA SZ ZA",
    "North America": "CA US GL PM BM",
    "Central America": "BZ CR GT HN MX NI PA SV",
    "Caribbean": ("AG AI AW BB BL BQ BS CU CW DM DO GD GP HT JM KN KY LC MF MQ MS PR SX TC TT VC VG VI"),
    "Oceania": "AU FJ FM KI MH NR NZ PG PW SB TO TV VU WS",
}

REGION_OF: dict[str, str] = {cc: region for region, codes in _REGIONS.items() for cc in codes.split()}

_CONTINENT_REGION = {"EU": "Europe", "SA": "South America", "OC": "Oceania", "NA": "North America",
                     "AF": "Eastern Africa", "AS": "South Asia", "AN": "Antarctica"}

# ACLED spells some countries differently from GeoNames.
ACLED_COUNTRY_NAMES: dict[str, str] = {
    "PS": "Palestine", "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast",
    "SZ": "eSwatini", "TL": "East Timor", "CV": "Cape Verde", "GM": "Gambia", "BS": "Bahamas",
    "VA": "Vatican City", "CZ": "Czech Republic", "MK": "North Macedonia", "KP": "North Korea",
    "KR": "South Korea", "MM": "Myanmar", "TR": "Turkey", "FM": "Micronesia", "LA": "Laos",
}


def acled_region(cc: str | None, continent: str | None = None) -> str:
    if not cc:
        return ""
    cc = cc.upper()
    if cc in REGION_OF:
        return REGION_OF[cc]
    return _CONTINENT_REGION.get(continent or "", "")
