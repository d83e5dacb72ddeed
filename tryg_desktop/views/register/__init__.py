"""Pages and dialogs of the register: partner organisations and contact persons, their
import and export."""
