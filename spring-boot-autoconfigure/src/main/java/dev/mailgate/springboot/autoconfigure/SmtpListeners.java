package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.smtp.SmtpEventListener;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;

/**
 * The application's {@link SmtpEventListener} beans as the one listener a transport takes: each event goes to every
 * bean in order, and one that throws does not keep the event from the others (the transport's own guard keeps it
 * from breaking the send). Every method of the interface returns nothing, so one forwarding proxy covers the events
 * added later too.
 */
final class SmtpListeners {
    private static final System.Logger LOG = System.getLogger(SmtpListeners.class.getName());

    private SmtpListeners() {
    }

    static SmtpEventListener of(List<SmtpEventListener> listeners) {
        if (listeners.size() == 1) {
            return listeners.get(0);
        }
        List<SmtpEventListener> all = List.copyOf(listeners);
        return (SmtpEventListener) Proxy.newProxyInstance(SmtpEventListener.class.getClassLoader(), new Class<?>[] {SmtpEventListener.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "equals" -> proxy == args[0];
                            case "hashCode" -> System.identityHashCode(proxy);
                            default -> "SmtpListeners" + all;
                        };
                    }
                    for (SmtpEventListener l : all) {
                        try {
                            method.invoke(l, args);
                        } catch (InvocationTargetException e) {
                            LOG.log(System.Logger.Level.WARNING, "SMTP event listener " + l + " failed on " + method.getName(), e.getCause());
                        }
                    }
                    return null;
                });
    }
}
