"""The seeded synthetic population of the registry mocks.

`generate_population()` builds the same population on every machine: a fixed seed
(`POPULATION_SEED`) drives one `random.Random`, dates are fixed (nothing reads the clock;
only BRP's `leeftijd` and the custody of minors are computed at request time), and no set
of strings is ever iterated. `load_population()` replaces the mocks' tables with it using
bulk inserts, which is what `POST /_admin/reset` does.

The data it draws from (municipalities and their streets, names, cars, benefit amounts) is
in `registries_mock.seed_data`; the generation is split by concept: `source` (the random
source, the fixed clock and the rows), `addresses` (BAG), `people` (BRP), `registers` (the
other registries' rows), `households` and `population` (the whole, and loading it).

Composition (exact figures: `Population.summary()`, pinned by the tests):

- Three municipalities: 0363 Amsterdam (postcodes 10xx), 0599 Rotterdam (30xx) and 0344
  Utrecht (35xx), each with real-looking streets, one postcode per street, and buildings of
  one to four units (huisletter or huisnummertoevoeging).
- Addressable objects with BAG identifiers `GGGG01NNNNNNNNNN` and nummeraanduidingen
  `GGGG20NNNNNNNNNN` (generated numbers start at 0001000000): dwellings in use, empty
  dwellings (targets for moves), non-residential objects (kantoor-, winkel-, industrie-,
  bijeenkomst-, gezondheidszorg-, logies-, onderwijsfunctie; a few with someone registered),
  dwellings not in use (`Verblijfsobject gevormd`, `... buiten gebruik`, `Verbouwing
  verblijfsobject`; a few with someone registered), small crowded dwellings (under 12 m² per
  resident: student houses and overcrowded households) and about 1% under investigation.
- Households: singles; married couples (`H`) and registered partners (`P`), and couples
  without a registered bond; families with minors under joint custody
  (`GezamenlijkOuderlijkGezag`), some with a child of 16+ or an adult child at home;
  separated parents with joint custody who live apart; single parents with sole custody
  (`EenhoofdigOuderlijkGezag`); students alone or sharing a house, most with student finance.
- Benefits (huurtoeslag, zorgtoeslag, kinderopvangtoeslag, kindgebondenbudget; a few ended),
  vehicles with kentekens, parking permits tied to the holder's address, municipal taxes for
  every adult (some also with an ended liability elsewhere), about 1% of persons under
  investigation and a few with geheimhouding.
- BSNs pass the 11-proef and start with 99990-99994, so tests can make their own with
  99995-99998 without clashing.

Fixed demo facts (the README uses them):

- BSN `999993653`: Daan van den Berg, born 14 June 1988, single, living alone in Rotterdam
  (0599); huurtoeslag, one vehicle, no student finance, no parking permit.
- Postcode `1012AB` huisnummer `1`: Damrak 1, Amsterdam (0363), object `0363010000101201`,
  woonfunctie, 120 m², `Verblijfsobject in gebruik`, nobody registered, not under
  investigation.
"""

from registries_mock.seed.addresses import DEMO_POSTCODE
from registries_mock.seed.population import (
    DEMO_ADRES_NUMMERAANDUIDING,
    DEMO_ADRES_OBJECT,
    DEMO_BSN,
    DEMO_HUISNUMMER,
    Generator,
    Population,
    generate_population,
    load_population,
)
from registries_mock.seed.source import POPULATION_SEED, SEED_BSN_PREFIXES
from registries_mock.seed_data.registers import (
    IN_GEBRUIK,
    IN_GEBRUIK_NIET_INGEMETEN,
    NIET_IN_GEBRUIK,
    NIET_WONEN,
)

_Generator = Generator
"""The generator under the name the seed's determinism test uses."""

__all__ = [
    "DEMO_ADRES_NUMMERAANDUIDING",
    "DEMO_ADRES_OBJECT",
    "DEMO_BSN",
    "DEMO_HUISNUMMER",
    "DEMO_POSTCODE",
    "IN_GEBRUIK",
    "IN_GEBRUIK_NIET_INGEMETEN",
    "NIET_IN_GEBRUIK",
    "NIET_WONEN",
    "POPULATION_SEED",
    "SEED_BSN_PREFIXES",
    "Generator",
    "Population",
    "_Generator",
    "generate_population",
    "load_population",
]
