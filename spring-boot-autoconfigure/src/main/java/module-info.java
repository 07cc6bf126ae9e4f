/**
 * Spring Boot auto-configuration for Mailgate: properties under {@code mailgate.*}, the Transport, suppression
 * lists, callback publisher, webhook and unsubscribe endpoints, health. Spring reads the configuration and property
 * classes reflectively, hence the opens.
 */
module dev.mailgate.springboot.autoconfigure {
    requires transitive dev.mailgate.core;
    requires transitive dev.mailgate.smtp;
    requires transitive dev.mailgate.suppression;
    requires transitive spring.boot;
    requires transitive spring.boot.autoconfigure;
    requires spring.beans;
    requires spring.context;
    requires spring.core;
    // optional parts: each configuration class is conditional on its classes
    requires static dev.mailgate.webhookhttp;
    requires static dev.mailgate.bounce.mailbox;
    requires static dev.mailgate.bounce;
    requires static spring.web;
    requires static spring.webmvc;
    requires static jakarta.servlet;
    requires static spring.boot.actuator;

    exports dev.mailgate.springboot.autoconfigure;
    exports dev.mailgate.springboot.autoconfigure.properties;
    opens dev.mailgate.springboot.autoconfigure;
    opens dev.mailgate.springboot.autoconfigure.properties;
}
