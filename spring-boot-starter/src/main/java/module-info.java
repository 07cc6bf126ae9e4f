/**
 * The Mailgate Spring Boot starter: no code of its own, it brings the auto-configuration and the modules it
 * configures (one dependency to add).
 */
module dev.mailgate.springboot.starter {
    requires transitive dev.mailgate.springboot.autoconfigure;
    requires transitive dev.mailgate.webhookhttp;
    requires transitive dev.mailgate.bounce.mailbox;
}
