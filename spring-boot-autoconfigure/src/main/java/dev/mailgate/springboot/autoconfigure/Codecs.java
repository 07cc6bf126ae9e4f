package dev.mailgate.springboot.autoconfigure;

import dev.mailgate.core.event.CallbackCodec;
import dev.mailgate.core.spi.MailProvider;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The callback and webhook codecs of every provider on the class path, by format id. */
final class Codecs {
    private Codecs() {
    }

    static CallbackCodec byFormat(String format, String property) {
        Map<String, CallbackCodec> found = new TreeMap<>();
        for (MailProvider p : ServiceLoader.load(MailProvider.class, Codecs.class.getClassLoader())) {
            p.codecs().forEach(c -> found.putIfAbsent(c.format(), c));
        }
        CallbackCodec codec = found.get(format);
        if (codec == null) {
            throw new IllegalArgumentException(property + "=" + format + ": no provider on the class path has this codec; found " + found.keySet());
        }
        return codec;
    }
}
