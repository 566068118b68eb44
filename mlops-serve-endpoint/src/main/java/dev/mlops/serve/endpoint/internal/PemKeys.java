package dev.mlops.serve.endpoint.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/** Reads a PEM certificate chain and an unencrypted PKCS#8 PEM private key into an in-memory key store. */
public final class PemKeys {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemKeys() {
    }

    /**
     * A PKCS#12 key store in memory holding the key and its chain under alias {@code endpoint}, protected by
     * {@code password}.
     *
     * @throws IllegalArgumentException when a file is not the PEM form expected, with how to convert it
     */
    public static KeyStore keyStore(Path certificateChain, Path privateKey, char[] password) {
        try {
            List<? extends Certificate> chain;
            try (InputStream in = Files.newInputStream(certificateChain)) {
                chain = List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
            }
            if (chain.isEmpty()) {
                throw new IllegalArgumentException("No certificate in " + certificateChain
                        + "; give the PEM certificate chain, the server's certificate first");
            }
            String pem = Files.readString(privateKey, StandardCharsets.US_ASCII);
            int begin = pem.indexOf(BEGIN);
            int end = pem.indexOf(END);
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException("No unencrypted PKCS#8 key ('" + BEGIN + "') in " + privateKey
                        + "; convert it with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem");
            }
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            String algorithm = chain.get(0).getPublicKey().getAlgorithm();
            PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("endpoint", key, password, chain.toArray(new Certificate[0]));
            return ks;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the TLS files " + certificateChain + " and " + privateKey
                    + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Cannot use the key in " + privateKey + " with the certificate in "
                    + certificateChain + ": " + e.getMessage(), e);
        }
    }
}
