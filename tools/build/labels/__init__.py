"""The ``labels`` layer: current US FDA label documents (SPL XML and openFDA label records) read by
the build, with facts quoted from their sections."""
