"""Belastingdienst tables."""

from registries_mock.adreskopie import AdresKopieBase


class BelastingdienstAdres(AdresKopieBase, table=True):
    """The Belastingdienst's copy of each taxpayer's address."""

    __tablename__ = "belastingdienst_adres"
