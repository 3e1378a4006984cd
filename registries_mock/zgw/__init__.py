"""ZGW mock: the Zaken API 1.5.1 and Catalogi API 1.3.1 subset burgerflow uses, answering
as Open Zaak does."""
