package dev.mailgate.testing.smtp;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIMatcher;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.StandardConstants;

/** The server side of a {@link TestSmtpServer}'s TLS handshake, telling which SNI name the client sent. */
final class ServerTls {
    private ServerTls() {
    }

    /** Layers TLS over {@code plain} and completes the handshake; {@code serverName} gets the SNI name, "" for none. */
    static SSLSocket accept(Socket plain, SSLContext ctx, Consumer<String> serverName) throws IOException {
        SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        ssl.setUseClientMode(false);
        String[] sni = {""};
        SSLParameters params = ssl.getSSLParameters();
        params.setSNIMatchers(List.of(new SNIMatcher(StandardConstants.SNI_HOST_NAME) {
            @Override
            public boolean matches(SNIServerName name) {
                sni[0] = new SNIHostName(name.getEncoded()).getAsciiName();
                return true;
            }
        }));
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        serverName.accept(sni[0]);
        return ssl;
    }
}
