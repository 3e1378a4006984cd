"""The emigration (emigratie): a citizen and their household leave the Netherlands."""
