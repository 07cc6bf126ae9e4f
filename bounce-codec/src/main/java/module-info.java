/** Placeholder module: its issue fills it. It already exists so that the reactor, the BOM and the module graph are stable. */
module dev.mailgate.bounce {
    requires dev.mailgate.core;
}
