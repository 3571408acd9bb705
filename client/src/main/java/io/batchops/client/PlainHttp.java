package io.batchops.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Duration;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's HTTP client as the batchops clients use it. HTTP/1.1 only: the JDK client would try
 * HTTP/2 (an h2c upgrade with the body), which Grizzly never answers. And for an {@code http://}
 * URL, a TLS context that is never used: without one, building the client loads the JVM's default
 * trust store, the largest part of a test JVM's first request to batchops (bench/README.md).
 */
final class PlainHttp {
    private PlainHttp() {
    }

    static HttpClient.Builder builder(String baseUrl, Duration connectTimeout) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout);
        if ("http".equalsIgnoreCase(URI.create(baseUrl).getScheme())) {
            builder.sslContext(new NoTls()).sslParameters(new SSLParameters());
        }
        return builder;
    }

    /** Refuses any TLS use: a plain-HTTP client that reached for it would have been sent elsewhere. */
    private static final class NoTls extends SSLContext {
        NoTls() {
            super(new Spi(), null, "none");
        }
    }

    private static final class Spi extends SSLContextSpi {
        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("this client was built for a plain http:// URL");
        }
    }
}
