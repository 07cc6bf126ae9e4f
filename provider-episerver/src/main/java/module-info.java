/** Placeholder module: its issue fills it. It already exists so that the reactor, the BOM and the module graph are stable. */
module dev.mailgate.episerver {
    requires dev.mailgate.core;
}
