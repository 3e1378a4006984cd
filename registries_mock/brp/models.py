"""BRP tables: persons, their family relations and custody (gezag)."""

from datetime import date

from sqlmodel import Field

from registries_mock.db import MockModel


class PersoonBase(MockModel):
    """A person registered in the BRP.

    Attributes:
        burgerservicenummer: The BSN (passes the 11-proef).
        voornamen: Given names, if any.
        voorvoegsel: Surname prefix such as `van der`, if any.
        geslachtsnaam: Surname.
        geslacht: `M`, `V` or `O` (onbekend).
        geboortedatum: Date of birth.
        adresseerbaar_object_identificatie: BAG object of the residential address.
        datum_aanvang_adreshouding: Since when the person lives there.
        gemeente_van_inschrijving: Municipality of registration (follows the address).
        in_onderzoek: Whether the person's data are under investigation.
        datum_ingang_onderzoek: Since when, when under investigation.
        geheimhouding_persoonsgegevens: Whether the person asked not to share their data.
        datum_overlijden: The day of death, once BRP records it.
        gemeente_overlijden: The municipality of death (gemeentecode), when recorded.
        aktenummer_overlijden: The deed of death the record rests on, when known.
    """

    burgerservicenummer: str = Field(primary_key=True, max_length=9)
    voornamen: str | None = None
    voorvoegsel: str | None = None
    geslachtsnaam: str
    geslacht: str = "O"
    geboortedatum: date
    adresseerbaar_object_identificatie: str = Field(index=True, max_length=16)
    datum_aanvang_adreshouding: date
    gemeente_van_inschrijving: str = Field(index=True, max_length=4)
    in_onderzoek: bool = False
    datum_ingang_onderzoek: date | None = None
    geheimhouding_persoonsgegevens: bool = False
    datum_overlijden: date | None = None
    gemeente_overlijden: str | None = Field(default=None, max_length=4)
    aktenummer_overlijden: str | None = Field(default=None, max_length=40)


class Persoon(PersoonBase, table=True):
    """Table of persons."""

    __tablename__ = "brp_persoon"


class RelatieBase(MockModel):
    """A family relation as recorded on one person's record.

    A relation is read in both directions: `(A, partner, B)` makes B a partner of A and A a
    partner of B; `(A, kind, C)` makes C a child of A and A a parent of C; `(C, ouder, A)`
    likewise.

    Attributes:
        burgerservicenummer: The person whose record declares the relation.
        soort: `partner`, `kind` or `ouder`.
        gerelateerde: BSN of the related person (who need not be registered).
        soort_verbintenis: For partners, `H` (huwelijk) or `P` (geregistreerd partnerschap).
    """

    burgerservicenummer: str = Field(index=True, max_length=9)
    soort: str
    gerelateerde: str = Field(index=True, max_length=9)
    soort_verbintenis: str | None = None


class Relatie(RelatieBase, table=True):
    """Table of family relations."""

    __tablename__ = "brp_relatie"

    id: int | None = Field(default=None, primary_key=True)


class GezagsrelatieBase(MockModel):
    """Who has custody (gezag) over a minor; one relation per minor.

    Attributes:
        minderjarige: BSN of the minor.
        type: `GezamenlijkOuderlijkGezag` or `EenhoofdigOuderlijkGezag`.
        ouder: BSN of the (first) custodial parent.
        ander_ouder: BSN of the second parent under joint custody.
    """

    minderjarige: str = Field(primary_key=True, max_length=9)
    type: str
    ouder: str = Field(index=True, max_length=9)
    ander_ouder: str | None = Field(default=None, index=True, max_length=9)


class Gezagsrelatie(GezagsrelatieBase, table=True):
    """Table of custody relations."""

    __tablename__ = "brp_gezagsrelatie"
