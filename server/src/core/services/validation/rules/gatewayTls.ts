/**
 * A Gateway server's TLS settings: which certificate sources each mode needs
 * or ignores, cipher suites, CRLs.
 */
import { error, warning, type Obj, type Range } from './view';

/** The TLS mode; an absent mode is PASSTHROUGH (the proto default). */
export function tlsMode(tls: Obj): string {
  return tls.text('mode') ?? 'PASSTHROUGH';
}

/** Cipher suites BoringSSL knows (PSK suites excluded), by their OpenSSL names. */
const CIPHER_SUITES = new Set([
  'ECDHE-ECDSA-AES128-GCM-SHA256', 'ECDHE-RSA-AES128-GCM-SHA256', 'ECDHE-ECDSA-AES256-GCM-SHA384', 'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305', 'ECDHE-RSA-CHACHA20-POLY1305', 'ECDHE-ECDSA-AES128-SHA', 'ECDHE-RSA-AES128-SHA',
  'ECDHE-ECDSA-AES256-SHA', 'ECDHE-RSA-AES256-SHA', 'AES128-GCM-SHA256', 'AES256-GCM-SHA384', 'AES128-SHA', 'AES256-SHA', 'DES-CBC3-SHA',
]);

function isValidCipherSuite(cs: string): boolean {
  // "", "ALL" and expressions led by an operator (`-AES128-SHA`, `!...`, `[...]`) are passed through to Envoy.
  return cs === '' || cs === 'ALL' || !/^[\p{L}\p{N}]/u.test(cs) || CIPHER_SUITES.has(cs);
}

export function checkServerTls(tls: Obj | undefined): void {
  if (!tls) return;
  const rc = tls.rc;
  const mode = tlsMode(tls);
  const min = tls.str('minProtocolVersion');
  if ((min === 'TLSV1_0' || min === 'TLSV1_1') && tls.count('cipherSuites') === 0) {
    warning(rc, tls.range('minProtocolVersion'), 'tls-min-version', `With ${min}, set cipherSuites too: the default suites no longer include ones that TLS below 1.2 can use.`);
  }
  checkCipherSuites(tls);

  if (mode === 'ISTIO_MUTUAL') {
    for (const key of ['serverCertificate', 'privateKey', 'caCertificates', 'credentialName', 'tlsCertificates', 'credentialNames']) {
      if (isSet(tls, key)) error(rc, tls.keyRange(key), 'tls-istio-mutual', `ISTIO_MUTUAL uses the mesh's own certificates: remove "${key}".`);
    }
    return;
  }
  if (mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') {
    const key = ['caCrl', 'serverCertificate', 'privateKey', 'caCertificates', 'credentialName', 'tlsCertificates', 'credentialNames'].find((k) => isSet(tls, k));
    if (key) warning(rc, tls.keyRange(key), 'tls-passthrough-certs', `${mode} does not terminate TLS, so "${key}" and the other certificate settings are ignored.`);
  }

  const sources = [
    tls.text('serverCertificate') && tls.text('privateKey') ? 'serverCertificate' : undefined,
    isSet(tls, 'credentialName') ? 'credentialName' : undefined,
    isSet(tls, 'credentialNames') ? 'credentialNames' : undefined,
    isSet(tls, 'tlsCertificates') ? 'tlsCertificates' : undefined,
  ].filter((k): k is string => k !== undefined);
  sources.forEach((key, i) => {
    // credentialNames with tlsCertificates or credentialName: the CRD's CEL rules already say so.
    if (i === 0 || sources.slice(0, i).every((s) => celCovers(s, key))) return;
    error(rc, tls.keyRange(key), 'tls-cert-sources', `Give the certificate one way only: "${sources[0]}" is already set (use one of credentialName, credentialNames, serverCertificate/privateKey, tlsCertificates).`);
  });

  const terminating = mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (terminating && (isSet(tls, 'credentialName') || isSet(tls, 'credentialNames'))) return; // fetched from the credential
  if (terminating) {
    const label = mode === 'SIMPLE' ? 'SIMPLE' : 'MUTUAL';
    const modeRange = tls.range('mode');
    if (label === 'MUTUAL' && !tls.text('caCertificates')) {
      error(rc, tls.present('caCertificates') ? tls.range('caCertificates') : modeRange, 'tls-ca-missing', `${mode} TLS needs a client CA bundle: set caCertificates, or use credentialName.`);
    }
    const certs: { cert: Obj; fallback: Range | undefined }[] =
      tls.count('tlsCertificates') > 0
        ? tls.objects('tlsCertificates').flatMap((o) => (o.obj ? [{ cert: o.obj, fallback: o.obj.anchor }] : []))
        : [{ cert: tls, fallback: modeRange }];
    for (const { cert, fallback } of certs) {
      if (!cert.text('serverCertificate')) {
        error(rc, cert.present('serverCertificate') ? cert.range('serverCertificate') : fallback, 'tls-server-cert-missing', `${label} TLS needs a server certificate: set serverCertificate, or use credentialName.`);
      }
      if (!cert.text('privateKey')) {
        error(rc, cert.present('privateKey') ? cert.range('privateKey') : fallback, 'tls-private-key-missing', `${label} TLS needs a private key: set privateKey, or use credentialName.`);
      }
    }
  }
  if (tls.text('caCrl')) {
    if (tls.text('credentialName')) error(rc, tls.keyRange('caCrl'), 'tls-crl', 'caCrl cannot be combined with credentialName: put the CRL in the credential.');
    if (mode === 'SIMPLE') error(rc, tls.keyRange('caCrl'), 'tls-crl', 'caCrl has no use with SIMPLE TLS (no client certificates are checked).');
  }
}

/** The CRD's CEL rules forbid credentialNames together with credentialName or tlsCertificates. */
function celCovers(a: string, b: string): boolean {
  const pair = new Set([a, b]);
  return pair.has('credentialNames') && (pair.has('credentialName') || pair.has('tlsCertificates'));
}

function isSet(o: Obj, key: string): boolean {
  return o.text(key) !== undefined || o.count(key) > 0;
}

function checkCipherSuites(tls: Obj): void {
  const seen = new Set<string>();
  for (const cs of tls.strings('cipherSuites')) {
    if (!isValidCipherSuite(cs.value)) {
      warning(tls.rc, cs.range, 'tls-cipher-suite', `"${cs.value}" is not a cipher suite Envoy knows; it will be ignored.`);
    } else if (seen.has(cs.value)) {
      warning(tls.rc, cs.range, 'tls-cipher-duplicate', `The cipher suite "${cs.value}" is listed twice; the repeat is ignored.`);
    }
    seen.add(cs.value);
  }
}
