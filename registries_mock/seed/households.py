"""The seed's households: who lives together, where, and what the registries know of them.

A household is drawn by kind (singles, couples, families, separated parents, single parents,
students, student houses, crowded dwellings), registered at a dwelling of its municipality
(`settle`) and given its registry facts: relations and custody, taxes, vehicles, permits and
benefits.
"""

from datetime import date

from registries_mock.seed.addresses import Addresses
from registries_mock.seed.people import People, SeedPerson
from registries_mock.seed.registers import Registers
from registries_mock.seed.source import LAST_MOVE, Draft, age
from registries_mock.seed_data.cities import CITIES


class Households:
    """The households of the seed.

    Args:
        draft: The population being drawn.
        addresses: Where the dwellings come from.
        people: Where persons are made and registered.
        registers: Where their other registry facts go.
    """

    def __init__(
        self, draft: Draft, addresses: Addresses, people: People, registers: Registers
    ) -> None:
        self.draft = draft
        self.rng = draft.rng
        self.addresses = addresses
        self.people = people
        self.registers = registers

    def settle(
        self,
        code: str,
        object_id: str,
        adults: list[SeedPerson],
        minors: list[SeedPerson],
        *,
        students: bool = False,
    ) -> date:
        """Register a household at an object: BRP, taxes, vehicles, permits, zorgtoeslag."""
        youngest = max(p.geboortedatum for p in adults)
        earliest = max(date(youngest.year + 18, youngest.month, 1), date(1995, 1, 1))
        since = self.draft.between(earliest, LAST_MOVE)
        for person in adults + minors:
            self.people.register(person, object_id, since)
        vehicle_rate = CITIES[code].vehicle_rate
        permit_rate = CITIES[code].permit_rate
        for person in adults:
            adult_since = max(since, person.geboortedatum)
            self.registers.belastingplicht(person.bsn, code, object_id, adult_since)
            rate = 0.05 if students else vehicle_rate
            aantal = (2 if self.draft.chance(0.15) else 1) if self.draft.chance(rate) else 0
            kentekens = self.registers.voertuigen(person.bsn, aantal, adult_since)
            if kentekens and self.draft.chance(permit_rate):
                self.registers.parkeervergunning(person.bsn, code, object_id, kentekens[0], since)
            if self.draft.chance(0.7 if students else 0.25):
                self.registers.toeslag(person.bsn, "zorgtoeslag", adult_since)
        return since

    def adult(
        self,
        geslacht: str | None = None,
        *,
        born: tuple[int, int] = (1948, 1998),
        achternaam: tuple[str | None, str] | None = None,
    ) -> SeedPerson:
        """An adult born in the `born` years, of sex `geslacht` (drawn unless given)."""
        g = geslacht or self.rng.choice("MV")
        return self.people.person(geslacht=g, born=self.draft.day_in(*born), achternaam=achternaam)

    def couple(self, *, born: tuple[int, int] = (1950, 1996)) -> list[SeedPerson]:
        """Two adults of about the same age, mostly of different sex."""
        first = self.adult(born=born)
        same = self.draft.chance(0.06)
        other_g = first.geslacht if same else ("V" if first.geslacht == "M" else "M")
        lo = max(born[0], first.geboortedatum.year - 6)
        hi = min(born[1], first.geboortedatum.year + 6)
        return [first, self.adult(other_g, born=(lo, hi))]

    def children(self, parent: SeedPerson, n: int, *, family_name: SeedPerson) -> list[SeedPerson]:
        """`n` children born after the parent turned 21, with `family_name`'s name, eldest first."""
        first_year = max(parent.geboortedatum.year + 21, 2002)
        kids = []
        for _ in range(n):
            born = self.draft.day_in(first_year, 2024)
            kids.append(
                self.people.person(
                    geslacht=self.rng.choice("MV"),
                    born=born,
                    achternaam=(family_name.voorvoegsel, family_name.geslachtsnaam),
                )
            )
        return sorted(kids, key=lambda k: k.geboortedatum)

    def household(self, code: str, kind: str) -> None:
        """Create one household of `kind` in municipality `code`, with its registry facts."""
        rng = self.rng
        if kind == "single":
            person = self.adult()
            size = rng.randint(28, 85)
            obj = self.addresses.woning(code, size)
            since = self.settle(code, obj, [person], [])
            if self.draft.chance(0.3):
                self.registers.toeslag(person.bsn, "huurtoeslag", since)
        elif kind in ("married", "registered", "cohabiting"):
            pair = self.couple()
            obj = self.addresses.woning(code, rng.randint(45, 130))
            since = self.settle(code, obj, pair, [])
            self.bond(pair, kind)
            if self.draft.chance(0.1):
                self.registers.toeslag(pair[0].bsn, "huurtoeslag", since)
        elif kind == "family":
            pair = self.couple(born=(1972, 1996))
            bond = rng.choice(("married", "married", "registered", "cohabiting"))
            young = min(pair, key=lambda p: p.geboortedatum)
            kids = self.children(young, rng.choice((1, 2, 2, 3)), family_name=pair[0])
            adult_kids = [k for k in kids if age(k.geboortedatum) >= 18]
            minors = [k for k in kids if age(k.geboortedatum) < 18]
            crowded = self.draft.chance(0.05)
            size = rng.randint(25, 40) if crowded else rng.randint(60, 160)
            obj = self.addresses.woning(code, size)
            since = self.settle(code, obj, pair + adult_kids, minors)
            self.bond(pair, bond)
            for kid in kids:
                for parent in pair:
                    self.people.relate(parent.bsn, "kind", kid.bsn)
            for kid in minors:
                self.people.gezag(kid.bsn, pair[0].bsn, pair[1].bsn)
                if age(kid.geboortedatum) >= 16:
                    self.draft.count("gezin.minderjarige_16_plus")
            for kid in adult_kids:
                self.draft.count("gezin.meerderjarig_kind_thuis")
                if self.draft.chance(0.5):
                    self.registers.studiefinanciering(
                        kid.bsn, code, True, date(kid.geboortedatum.year + 18, 9, 1)
                    )
            self.family_benefits(pair[0], minors, since)
        elif kind == "separated":
            mother, father = self.adult("V", born=(1975, 1995)), self.adult("M", born=(1973, 1994))
            kids = self.children(mother, rng.choice((1, 2)), family_name=father)
            kids = [k for k in kids if age(k.geboortedatum) < 18] or self.children(
                mother, 1, family_name=father
            )
            minors = [k for k in kids if age(k.geboortedatum) < 18]
            home, away = (mother, father) if self.draft.chance(0.7) else (father, mother)
            obj = self.addresses.woning(code, rng.randint(55, 110))
            since = self.settle(code, obj, [home], kids)
            other_code = (
                code if self.draft.chance(0.8) else rng.choice([c for c in CITIES if c != code])
            )
            self.settle(
                other_code, self.addresses.woning(other_code, rng.randint(30, 75)), [away], []
            )
            for kid in kids:
                self.people.relate(home.bsn, "kind", kid.bsn)
                self.people.relate(away.bsn, "kind", kid.bsn)
            for kid in minors:
                self.people.gezag(kid.bsn, home.bsn, away.bsn)
            self.family_benefits(home, minors, since)
            if self.draft.chance(0.5):
                self.registers.toeslag(home.bsn, "huurtoeslag", since)
        elif kind == "single_parent":
            parent = self.adult(born=(1978, 1998))
            kids = self.children(parent, rng.choice((1, 1, 2)), family_name=parent)
            minors = [k for k in kids if age(k.geboortedatum) < 18]
            adults = [parent] + [k for k in kids if age(k.geboortedatum) >= 18]
            obj = self.addresses.woning(code, rng.randint(45, 100))
            since = self.settle(code, obj, adults, minors)
            for kid in kids:
                self.people.relate(kid.bsn, "ouder", parent.bsn)
            for kid in minors:
                self.people.gezag(kid.bsn, parent.bsn, None)
            self.family_benefits(parent, minors, since)
            if self.draft.chance(0.6):
                self.registers.toeslag(parent.bsn, "huurtoeslag", since)
        elif kind == "student":
            student = self.adult(born=(2001, 2007))
            obj = self.addresses.woning(code, rng.randint(16, 32))
            since = self.settle(code, obj, [student], [], students=True)
            if self.draft.chance(0.85):
                self.registers.studiefinanciering(
                    student.bsn, code, False, self.draft.between(since, LAST_MOVE)
                )
            if self.draft.chance(0.3):
                self.registers.toeslag(student.bsn, "huurtoeslag", since)
            self.draft.count("studenten", 1)
        elif kind in ("student_house", "crowded"):
            n = rng.randint(3, 5) if kind == "student_house" else rng.randint(5, 7)
            born = (2001, 2007) if kind == "student_house" else (1975, 2003)
            people = [self.adult(born=born) for _ in range(n)]
            if kind == "crowded" or self.draft.chance(0.45):
                size = rng.randint(24, 12 * n - 2)
            else:
                size = rng.randint(12 * n + 5, 25 * n)
            obj = self.addresses.woning(code, size)
            since = self.settle(code, obj, people, [], students=kind == "student_house")
            if kind == "student_house":
                self.draft.count("studenten", n)
                for person in people:
                    if self.draft.chance(0.85):
                        self.registers.studiefinanciering(
                            person.bsn, code, False, self.draft.between(since, LAST_MOVE)
                        )
        self.draft.count(f"huishoudens.{kind}")

    def bond(self, pair: list[SeedPerson], kind: str) -> None:
        """Register a couple's bond in BRP: marriage (`H`) or registered partnership (`P`)."""
        code = {"married": "H", "registered": "P"}.get(kind)
        if code:
            self.people.relate(pair[0].bsn, "partner", pair[1].bsn, code)
            self.draft.count("partners.huwelijk" if code == "H" else "partners.geregistreerd")

    def family_benefits(self, parent: SeedPerson, minors: list[SeedPerson], since: date) -> None:
        """Child-related benefits of a parent with minors."""
        if not minors:
            return
        if any(age(k.geboortedatum) < 12 for k in minors) and self.draft.chance(0.45):
            self.registers.toeslag(parent.bsn, "kinderopvangtoeslag", since)
        if self.draft.chance(0.4):
            self.registers.toeslag(parent.bsn, "kindgebondenbudget", since)
