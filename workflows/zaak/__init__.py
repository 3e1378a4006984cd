"""Every case a zaak: the `ZaakRegistration` workflow that keeps a case's zaak in the
municipality's zaaksysteem (ZGW Zaken API) in step with the case."""
