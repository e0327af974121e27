"""Words on a small screen: catalogues, job wording, GSM-7/UCS-2 lengths, cutting text, phone numbers."""
