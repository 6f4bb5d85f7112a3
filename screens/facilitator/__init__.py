"""The shared-screen app: the facilitator walks the room through the workshop's steps."""
