package org.openvitals.bridge.phone;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.openvitals.bridge.identity.DesktopIdentity;
import org.openvitals.bridge.protocol.Base64Url;

/**
 * TLS 1.3 that trusts exactly one key: the server's certificate is accepted only when the SHA-256
 * of its SubjectPublicKeyInfo equals the pairing payload's {@code k}, whatever the certificate's
 * names and dates. This is what the iPhone app does in its URLSessionDelegate. Being an extended
 * trust manager, it also replaces the host name check, which a self-signed certificate reached by
 * IP address could not pass and which the pin makes unnecessary.
 */
public final class PinnedTls {
  private PinnedTls() {}

  /** Thrown when the server shows another key than the pinned one. */
  public static final class WrongKeyException extends CertificateException {
    WrongKeyException(String message) {
      super(message);
    }
  }

  public static SSLContext context(String keyHash) {
    byte[] pin = Base64Url.decode(keyHash);
    X509ExtendedTrustManager trust =
        new X509ExtendedTrustManager() {
          private void check(X509Certificate[] chain) throws CertificateException {
            if (chain == null || chain.length == 0) {
              throw new CertificateException("The server showed no certificate");
            }
            byte[] seen = Base64Url.decode(DesktopIdentity.spkiHash(chain[0]));
            if (!MessageDigest.isEqual(pin, seen)) {
              throw new WrongKeyException(
                  "The desktop's key does not match the pairing code (expected "
                      + keyHash
                      + ", the server showed "
                      + Base64Url.encode(seen)
                      + "); refusing to connect");
            }
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
              throws CertificateException {
            check(chain);
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
              throws CertificateException {
            check(chain);
          }

          @Override
          public void checkServerTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            check(chain);
          }

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
              throws CertificateException {
            throw new CertificateException("A phone accepts no clients");
          }

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
              throws CertificateException {
            throw new CertificateException("A phone accepts no clients");
          }

          @Override
          public void checkClientTrusted(X509Certificate[] chain, String authType)
              throws CertificateException {
            throw new CertificateException("A phone accepts no clients");
          }

          @Override
          public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
          }
        };
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(null, new TrustManager[] {trust}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("This JDK has no TLS 1.3", e);
    }
  }
}
