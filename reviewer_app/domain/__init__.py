"""The language of appeals: types, rules and maths, free of Qt and SQL."""
