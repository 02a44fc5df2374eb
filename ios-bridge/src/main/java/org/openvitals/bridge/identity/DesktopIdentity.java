package org.openvitals.bridge.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.openvitals.bridge.protocol.Base64Url;
import org.openvitals.connectors.vault.AtomicFiles;
import org.openvitals.connectors.vault.KeySource;

/**
 * The desktop's TLS identity: an ECDSA P-256 key and a self-signed certificate, made on first start
 * and kept in {@code <data folder>/bridge/}. The phone trusts no certificate authority; it pins the
 * SHA-256 of the certificate's SubjectPublicKeyInfo, which is therefore the desktop's identity and
 * stays the same for as long as the key file does. The private key is sealed with AES-256-GCM under
 * the token vault's key (the OS keychain, or the owner-only key file), like the provider tokens.
 */
public final class DesktopIdentity {
  static final String CERT_FILE = "identity.crt";
  static final String KEY_FILE = "identity.key.sealed";
  private static final byte[] MAGIC = "OVK1".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ASSOCIATED =
      "openvitals-bridge-identity".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE_BYTES = 12;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509Certificate certificate;
  private final PrivateKey privateKey;
  private final String keyHash;

  private DesktopIdentity(X509Certificate certificate, PrivateKey privateKey) {
    this.certificate = certificate;
    this.privateKey = privateKey;
    this.keyHash = spkiHash(certificate);
  }

  /** The identity kept in {@code dir}, made there first if there is none. */
  public static DesktopIdentity loadOrCreate(Path dir, KeySource keys, String desktopName)
      throws IOException {
    Path cert = dir.resolve(CERT_FILE);
    Path key = dir.resolve(KEY_FILE);
    try {
      if (Files.exists(cert) && Files.exists(key)) {
        return load(cert, key, keys);
      }
      Files.createDirectories(dir);
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      KeyPair pair = generator.generateKeyPair();
      X509Certificate certificate = selfSigned(pair, desktopName);
      AtomicFiles.writeDurably(key, seal(keys, pair.getPrivate().getEncoded()));
      AtomicFiles.writeDurably(cert, certificate.getEncoded());
      return new DesktopIdentity(certificate, pair.getPrivate());
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IOException(
          "Could not make or read the desktop's key in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static DesktopIdentity load(Path certFile, Path keyFile, KeySource keys)
      throws IOException, GeneralSecurityException {
    X509Certificate certificate;
    try (var in = new ByteArrayInputStream(Files.readAllBytes(certFile))) {
      certificate =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
    byte[] pkcs8 = open(keys, Files.readAllBytes(keyFile), keyFile);
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
    return new DesktopIdentity(certificate, key);
  }

  private static X509Certificate selfSigned(KeyPair pair, String name)
      throws OperatorCreationException, GeneralSecurityException {
    Instant now = Instant.now();
    X500Name subject = new X500Name("CN=OpenVitals " + name.replaceAll("[,=+<>#;\"\\\\]", " "));
    var builder =
        new JcaX509v3CertificateBuilder(
            subject,
            new BigInteger(64, RANDOM),
            Date.from(now.minus(Duration.ofDays(1))),
            // The phone pins the key, not the certificate; its dates only have to cover the key's
            // life.
            Date.from(now.plus(Duration.ofDays(365 * 30))),
            subject,
            pair.getPublic());
    var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate());
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  private static byte[] seal(KeySource keys, byte[] plain)
      throws IOException, GeneralSecurityException {
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(Cipher.ENCRYPT_MODE, keys.key(), new GCMParameterSpec(128, nonce));
    cipher.updateAAD(ASSOCIATED);
    byte[] sealed = cipher.doFinal(plain);
    return ByteBuffer.allocate(MAGIC.length + NONCE_BYTES + sealed.length)
        .put(MAGIC)
        .put(nonce)
        .put(sealed)
        .array();
  }

  private static byte[] open(KeySource keys, byte[] file, Path where) throws IOException {
    try {
      if (file.length < MAGIC.length + NONCE_BYTES + 16
          || !java.util.Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
        throw new IOException("not a sealed key file");
      }
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          keys.key(),
          new GCMParameterSpec(128, file, MAGIC.length, NONCE_BYTES));
      cipher.updateAAD(ASSOCIATED);
      int offset = MAGIC.length + NONCE_BYTES;
      return cipher.doFinal(file, offset, file.length - offset);
    } catch (GeneralSecurityException e) {
      throw new IOException(
          "The desktop's key "
              + where
              + " cannot be opened with the vault key ("
              + keys.description()
              + "). Delete the bridge folder to make a new key; paired phones must then pair again.",
          e);
    }
  }

  /** base64url SHA-256 of the certificate's SubjectPublicKeyInfo: what the phone pins. */
  public static String spkiHash(X509Certificate certificate) {
    try {
      return Base64Url.encode(
          MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Every JDK has SHA-256", e);
    }
  }

  public String keyHash() {
    return keyHash;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  /** An in-memory key store holding the key and certificate, for the TLS server. */
  public KeyStore keyStore(char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("openvitals", privateKey, password, new X509Certificate[] {certificate});
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("Could not build an in-memory key store", e);
    }
  }
}
