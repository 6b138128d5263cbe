// Application class-data sharing (CDS): the JVM maps pre-parsed Kafka/Scala classes from this
// archive instead of loading ~50 MB of jars, which makes start-up noticeably faster. The first
// broker started without an archive records one when it exits cleanly (see stopBroker). It lives
// inside .jars so a re-fetch throws it away together with the jars it was built from; the JVM also
// ignores an archive that no longer matches the jars or the JDK.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { JARS_DIR } from "./settings.mjs";

export const CDS_ARCHIVE = path.join(JARS_DIR, "kafka.jsa");

/** Where the broker of `instance` records an archive at exit (one per instance, so none clash). */
export const recordingFile = (instance) => {
  const id = crypto.createHash("sha1").update(instance.dir).digest("hex").slice(0, 12);
  return path.join(JARS_DIR, `kafka.jsa.tmp-${id}`);
};

export const archiveExists = () => fs.existsSync(CDS_ARCHIVE);

/** JVM options: map the archive when there is one, otherwise record one at exit. */
export const classDataOptions = (instance) =>
  archiveExists()
    ? [`-XX:SharedArchiveFile=${CDS_ARCHIVE}`]
    : [`-XX:ArchiveClassesAtExit=${recordingFile(instance)}`];

export const discardArchive = () => fs.rmSync(CDS_ARCHIVE, { force: true });

export const discardRecording = (instance) => fs.rmSync(recordingFile(instance), { force: true });

/** After a clean exit, publish the archive the broker recorded (if any). */
export const promoteRecording = (instance, log) => {
  const tmp = recordingFile(instance);
  try {
    if (!fs.existsSync(tmp)) return;
    if (!archiveExists() && fs.statSync(tmp).size > 1024 * 1024) {
      fs.renameSync(tmp, CDS_ARCHIVE);
      log("saved a JVM class-data archive; later starts will be faster");
    } else {
      fs.rmSync(tmp, { force: true });
    }
  } catch {
    // purely an optimisation
  }
};
