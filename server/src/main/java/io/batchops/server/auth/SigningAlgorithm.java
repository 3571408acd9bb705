package io.batchops.server.auth;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.digests.SM3Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.SM2Signer;

/**
 * The official SDK's four request signatures ({@code HttpConfig.withSigningAlgorithm}), each checked
 * as the SDK computes it: the canonical request and the body are hashed with the algorithm's hash
 * (SHA-256, or SM3), and the string to sign is either an HMAC keyed with the secret key, or an ECDSA
 * (NIST P-256) or SM2 (sm2p256v1) signature by a private key the SDK derives from the access key pair.
 * The server derives the same key, keeps only its public half, and verifies with it.
 */
public enum SigningAlgorithm {
    HMAC_SHA256("SDK-HMAC-SHA256", Hash.SHA256, null),
    HMAC_SM3("SDK-HMAC-SM3", Hash.SM3, null),
    ECDSA_P256_SHA256("SDK-ECDSA-P256-SHA256", Hash.SHA256, "P-256"),
    SM2_SM3("SDK-SM2-SM3", Hash.SM3, "sm2p256v1");

    /** Public keys derived from an access key pair, by algorithm, access key and secret. */
    private static final int MAX_DERIVED_KEYS = 10_000;

    private final String id;
    private final Hash hash;
    /** The curve's name, or null for an HMAC; its parameters are read on first use (BouncyCastle's tables load slowly). */
    private final String curveName;
    private volatile ECDomainParameters curve;
    private final Map<String, ECPublicKeyParameters> derivedKeys = new ConcurrentHashMap<>();

    SigningAlgorithm(String id, Hash hash, String curveName) {
        this.id = id;
        this.hash = hash;
        this.curveName = curveName;
    }

    private ECDomainParameters curve() {
        if (curve == null) {
            X9ECParameters named = ECNamedCurveTable.getByName(curveName);
            curve = new ECDomainParameters(named.getCurve(), named.getG(), named.getN(), named.getH());
        }
        return curve;
    }

    /** The name in the {@code Authorization} header and the string to sign. */
    public String id() {
        return id;
    }

    /** Every algorithm's name, for a message. */
    public static String names() {
        return String.join(", ", Arrays.stream(values()).map(SigningAlgorithm::id).toList());
    }

    public static Optional<SigningAlgorithm> ofId(String id) {
        return Arrays.stream(values()).filter(algorithm -> algorithm.id.equals(id)).findFirst();
    }

    /** Lower-case hex of the algorithm's hash of {@code bytes}. */
    public String hashHex(byte[] bytes) {
        return HexFormat.of().formatHex(hash(bytes));
    }

    /** Whether {@code signature} is this algorithm's signature of {@code stringToSign} by the key pair. */
    public boolean verify(String accessKey, byte[] secret, String stringToSign, byte[] signature) {
        byte[] signed = stringToSign.getBytes(StandardCharsets.UTF_8);
        if (curveName == null) {
            return MessageDigest.isEqual(hmac(secret, signed), signature);
        }
        ECPublicKeyParameters publicKey = publicKey(accessKey, secret);
        if (this == SM2_SM3) {
            SM2Signer signer = new SM2Signer();
            signer.init(false, publicKey);
            signer.update(signed, 0, signed.length);
            return signer.verifySignature(signature);
        }
        BigInteger[] rs = derSequence(signature);
        if (rs == null) {
            return false;
        }
        ECDSASigner signer = new ECDSASigner();
        signer.init(false, publicKey);
        return signer.verifySignature(hash(signed), rs[0], rs[1]);
    }

    private byte[] hmac(byte[] key, byte[] data) {
        if (hash == Hash.SHA256) {
            // The JDK's, which the JIT compiles to the CPU's SHA instructions where there are any.
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
                return mac.doFinal(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
        HMac mac = new HMac(new SM3Digest());
        mac.init(new KeyParameter(key));
        mac.update(data, 0, data.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return out;
    }

    private byte[] hash(byte[] data) {
        if (hash == Hash.SHA256) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(data);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
        Digest digest = new SM3Digest();
        digest.update(data, 0, data.length);
        byte[] out = new byte[digest.getDigestSize()];
        digest.doFinal(out, 0);
        return out;
    }

    /** The public half of the key the SDK derives; derived once per key pair (a point multiplication). */
    private ECPublicKeyParameters publicKey(String accessKey, byte[] secret) {
        String cacheKey = accessKey + '\n' + HexFormat.of().formatHex(secret);
        ECPublicKeyParameters known = derivedKeys.get(cacheKey);
        if (known != null) {
            return known;
        }
        if (derivedKeys.size() >= MAX_DERIVED_KEYS) {
            derivedKeys.clear();
        }
        BigInteger privateKey = derivePrivateKey(accessKey, secret);
        ECDomainParameters domain = curve();
        ECPublicKeyParameters derived = new ECPublicKeyParameters(domain.getG().multiply(privateKey).normalize(), domain);
        derivedKeys.put(cacheKey, derived);
        return derived;
    }

    /**
     * The SDK's derivation: for a counter from 0, HMAC (the algorithm's hash, keyed with the secret key)
     * of {@code 00000001 || algorithm || 00 || AK || counter || 00000100} in a buffer of fixed size
     * (the algorithm's length plus 30 bytes, zero-padded); the first result at most n-2, plus one.
     */
    private BigInteger derivePrivateKey(String accessKey, byte[] secret) {
        byte[] ak = accessKey.getBytes(StandardCharsets.UTF_8);
        byte[] algorithm = id.getBytes(StandardCharsets.UTF_8);
        BigInteger nMinusTwo = curve().getN().subtract(BigInteger.TWO);
        for (int counter = 0; counter <= 0xff; counter++) {
            ByteBuffer data = ByteBuffer.allocate(Math.max(id.length() + 30, algorithm.length + ak.length + 10));
            data.put(new byte[] {0, 0, 0, 1}).put(algorithm).put((byte) 0).put(ak).put((byte) counter)
                    .put(new byte[] {0, 0, 1, 0});
            BigInteger candidate = new BigInteger(1, hmac(secret, data.array()));
            if (candidate.compareTo(nMinusTwo) <= 0) {
                return candidate.add(BigInteger.ONE);
            }
        }
        throw new IllegalStateException("no private key derives from this access key pair");
    }

    /** The two integers of a DER-encoded ECDSA signature, or null when it is not one. */
    private static BigInteger[] derSequence(byte[] signature) {
        try (ASN1InputStream in = new ASN1InputStream(signature)) {
            ASN1Primitive read = in.readObject();
            if (!(read instanceof ASN1Sequence sequence) || sequence.size() != 2
                    || !(sequence.getObjectAt(0) instanceof ASN1Integer r)
                    || !(sequence.getObjectAt(1) instanceof ASN1Integer s)) {
                return null;
            }
            return new BigInteger[] {r.getValue(), s.getValue()};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private enum Hash {
        SHA256, SM3
    }
}
