/** Suppression: the policy from events to lists, the store SPI with in-memory and JDBC stores, the pre-send filter. */
module dev.mailgate.suppression {
    requires transitive dev.mailgate.core;
    requires transitive java.sql;
    requires java.net.http;

    exports dev.mailgate.suppression;
    exports dev.mailgate.suppression.store;
    exports dev.mailgate.suppression.unsubscribe;
    exports dev.mailgate.suppression.callback;
    exports dev.mailgate.suppression.shared;
}
