/** Project settings (lib/settings.ts): the settings file's JSON. */
import * as fc from 'fast-check';
import { dnsLabel, dnsSubdomain } from './names';


/** Real IANA time zone names (Kubernetes loads the zone; a made-up name is refused). */
const TIME_ZONES = ['Europe/Paris', 'America/New_York', 'UTC', 'Etc/UTC', 'Etc/GMT+5', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'Australia/Lord_Howe'];

/** The settings file's JSON (every key optional), as `datatask.settings.json` holds it. */
export const settingsInputArbitrary: fc.Arbitrary<Record<string, unknown>> = fc.record(
  {
    namespace: dnsLabel(),
    mapping: fc.record(
      {
        apiVersion: fc.constantFrom('v2', 'v3alpha1'),
        hostname: fc.oneof(fc.constantFrom('*', 'example.com', '*.example.com', 'data.example.org:8443', 'yes', 'data.*', '10.0.0.1'), dnsSubdomain(60), dnsSubdomain(60).map((d) => `*.${d}`)),
        stickySessionResolver: fc.constantFrom('endpoint', 'my-resolver', 'yes'),
        portalAnnotationPrefix: fc.oneof(fc.constantFrom('portal.datatask.io/', 'example.com/', 'a/', 'yes/'), dnsSubdomain(60).map((d) => `${d}/`)),
      },
      { requiredKeys: [] },
    ),
    cronJob: fc.record({ timeZone: fc.constantFrom(...TIME_ZONES) }, { requiredKeys: [] }),
    podSecurity: fc.constantFrom('baseline', 'restricted'),
    argocd: fc.record({ replaceJobs: fc.boolean() }, { requiredKeys: [] }),
  },
  { requiredKeys: [] },
);
