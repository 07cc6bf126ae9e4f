package dev.mailgate.episerver.rule;

import dev.mailgate.core.mime.RenderedMessage;
import dev.mailgate.core.validation.Rule;
import dev.mailgate.core.validation.Violation;
import java.util.List;

/** Seed: "Do not set a return-path." (The receiving server adds Return-Path from the envelope, RFC 5321 4.4.) */
final class NoReturnPathRule implements Rule {
    @Override
    public String id() {
        return "episerver.no-return-path";
    }

    @Override
    public List<Violation> check(RenderedMessage message) {
        if (message.headers("Return-Path").isEmpty()) {
            return List.of();
        }
        return List.of(new Violation(id(), "Return-Path", "a Return-Path header is set; Episerver: \"Do not set a return-path\""));
    }
}
