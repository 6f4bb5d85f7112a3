"""The shared screen's meetings of the cycle, after the room: the weekly meeting so far."""
