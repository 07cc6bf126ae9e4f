package dev.mailgate.core;

import dev.mailgate.core.spi.MailProvider;
import dev.mailgate.core.spi.ProviderConfigException;
import dev.mailgate.core.transport.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** Finds providers on the class or module path: {@code Mailgate.transport("smtp", Map.of("host", ...))}. */
public final class Mailgate {
    private Mailgate() {
    }

    /** Every provider found, in the order ServiceLoader finds them. */
    public static List<MailProvider> providers() {
        List<MailProvider> found = new ArrayList<>();
        ServiceLoader.load(MailProvider.class, Mailgate.class.getClassLoader()).forEach(found::add);
        if (Thread.currentThread().getContextClassLoader() != null) {
            for (MailProvider p : ServiceLoader.load(MailProvider.class)) {
                if (found.stream().noneMatch(f -> f.getClass().equals(p.getClass()))) {
                    found.add(p);
                }
            }
        }
        return List.copyOf(found);
    }

    public static Optional<MailProvider> provider(String id) {
        return providers().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /**
     * Creates a transport of the provider with this id.
     *
     * @throws ProviderConfigException when no such provider is on the path (naming the ones that are), or the
     *         configuration is invalid
     */
    public static Transport transport(String providerId, Map<String, String> config) {
        MailProvider provider = provider(providerId).orElseThrow(() -> new ProviderConfigException(providerId, "(provider)",
                "no provider with this id on the class or module path; found: "
                        + providers().stream().map(MailProvider::id).collect(Collectors.joining(", ", "[", "]"))
                        + ". Add the provider's artifact (mailgate-provider-" + providerId + ") to the dependencies"));
        return provider.createTransport(config);
    }
}
