"""Generated administrative-unit data files and the script that builds them (see README.md)."""
