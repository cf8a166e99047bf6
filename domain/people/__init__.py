"""The tenant's people and their stores: adding members (a franchisee with the stores they own),
changing their role, deactivating them, and answering invitations. Built on identity (logins,
memberships) and on stores; what a viewer sees of a person is domain.access.people."""
