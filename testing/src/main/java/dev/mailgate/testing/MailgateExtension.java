package dev.mailgate.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands each test method (or constructor) a fresh {@link RecordingTransport} and closes it afterwards:
 *
 * <pre>{@code
 * {@literal @}ExtendWith(MailgateExtension.class)
 * class SignupTest {
 *     {@literal @}Test
 *     void sendsWelcomeMail(RecordingTransport mail) { ... }
 * }
 * }</pre>
 *
 * Within one test, every parameter of that type receives the same instance.
 */
public final class MailgateExtension implements ParameterResolver, AfterEachCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(MailgateExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RecordingTransport.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(RecordingTransport.class, k -> new RecordingTransport(), RecordingTransport.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        RecordingTransport transport = context.getStore(NAMESPACE).remove(RecordingTransport.class, RecordingTransport.class);
        if (transport != null) {
            transport.close();
        }
    }
}
