"""The change-of-address life event (verhuizing): workflow, activities, policy and models."""
