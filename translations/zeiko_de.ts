<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE" sourcelanguage="en">
<context>
    <name>ActionTable</name>
    <message>
        <source>Select a ticket first.</source>
        <translation>Wählen Sie zuerst ein Ticket aus.</translation>
    </message>
    <message>
        <source>This ticket is closed.</source>
        <translation>Dieses Ticket ist geschlossen.</translation>
    </message>
    <message>
        <source>You already work this ticket.</source>
        <translation>Sie bearbeiten dieses Ticket bereits.</translation>
    </message>
    <message>
        <source>Only a resolved or closed ticket can be reopened.</source>
        <translation>Nur ein gelöstes oder geschlossenes Ticket kann wieder geöffnet werden.</translation>
    </message>
    <message>
        <source>This ticket is already assigned to you.</source>
        <translation>Dieses Ticket ist Ihnen bereits zugewiesen.</translation>
    </message>
    <message>
        <source>This ticket has no linked handoff conversation.</source>
        <translation>Dieses Ticket hat kein verknüpftes Übergabegespräch.</translation>
    </message>
    <message>
        <source>Next ticket</source>
        <translation>Nächstes Ticket</translation>
    </message>
    <message>
        <source>Previous ticket</source>
        <translation>Vorheriges Ticket</translation>
    </message>
    <message>
        <source>Open ticket (read the thread)</source>
        <translation>Ticket öffnen (Verlauf lesen)</translation>
    </message>
    <message>
        <source>Back to the queue</source>
        <translation>Zurück zur Warteschlange</translation>
    </message>
    <message>
        <source>Next ticket, stay in the composer</source>
        <translation>Nächstes Ticket, im Editor bleiben</translation>
    </message>
    <message>
        <source>Previous ticket, stay in the composer</source>
        <translation>Vorheriges Ticket, im Editor bleiben</translation>
    </message>
    <message>
        <source>Search tickets</source>
        <translation>Tickets durchsuchen</translation>
    </message>
    <message>
        <source>Show view: %1</source>
        <translation>Ansicht zeigen: %1</translation>
    </message>
    <message>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>Waiting on team</source>
        <translation>Wartet auf Team</translation>
    </message>
    <message>
        <source>SLA at risk</source>
        <translation>SLA gefährdet</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Add an internal note</source>
        <translation>Eine interne Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Senden</translation>
    </message>
    <message>
        <source>Switch reply / internal note</source>
        <translation>Zwischen Antwort und interner Notiz wechseln</translation>
    </message>
    <message>
        <source>Toggle markdown preview</source>
        <translation>Markdown-Vorschau ein/aus</translation>
    </message>
    <message>
        <source>Undo send</source>
        <translation>Senden rückgängig machen</translation>
    </message>
    <message>
        <source>Take over from the AI agent</source>
        <translation>Vom KI-Agenten übernehmen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Close and go to the next ticket</source>
        <translation>Schließen und zum nächsten Ticket</translation>
    </message>
    <message>
        <source>Force close…</source>
        <translation>Schließen erzwingen…</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>Priority: %1</source>
        <translation>Priorität: %1</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Mir zuweisen</translation>
    </message>
    <message>
        <source>Assign to…</source>
        <translation>Zuweisen an…</translation>
    </message>
    <message>
        <source>Open the handoff conversation</source>
        <translation>Das Übergabegespräch öffnen</translation>
    </message>
    <message>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Show the outbox</source>
        <translation>Postausgang anzeigen</translation>
    </message>
    <message>
        <source>Settings…</source>
        <translation>Einstellungen…</translation>
    </message>
    <message>
        <source>Refresh now</source>
        <translation>Jetzt aktualisieren</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Abmelden</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Beenden</translation>
    </message>
    <message>
        <source>About Zeiko Handoff Console</source>
        <translation>Über Zeiko Übergabekonsole</translation>
    </message>
    <message>
        <source>Go</source>
        <translation>Gehe zu</translation>
    </message>
    <message>
        <source>View</source>
        <translation>Ansicht</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Verfassen</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Console</source>
        <translation>Konsole</translation>
    </message>
    <message>
        <source>&amp;Console</source>
        <translation>&amp;Konsole</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>&amp;Gehe zu</translation>
    </message>
    <message>
        <source>&amp;Ticket</source>
        <translation>&amp;Ticket</translation>
    </message>
    <message>
        <source>&amp;Priority</source>
        <translation>&amp;Priorität</translation>
    </message>
    <message>
        <source>C&amp;ompose</source>
        <translation>&amp;Verfassen</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Send the live reply</source>
        <translation>Live-Antwort senden</translation>
    </message>
    <message>
        <source>Confirm the reason or the edited text</source>
        <translation>Begründung oder bearbeiteten Text bestätigen</translation>
    </message>
    <message>
        <source>Not possible while the ticket is %1.</source>
        <translation>Nicht möglich, solange das Ticket %1 ist.</translation>
    </message>
    <message>
        <source>A live handoff is still open: resolve it first, or use Force close.</source>
        <translation>Eine Live-Übergabe ist noch offen: Schließen Sie sie zuerst ab oder verwenden Sie „Schließen erzwingen“.</translation>
    </message>
    <message>
        <source>Only the operator who owns the live conversation can reply in it: take it over first.</source>
        <translation>Nur wer das Live-Gespräch führt, kann darin antworten: Übernehmen Sie es zuerst.</translation>
    </message>
    <message>
        <source>The handoff is already resolved.</source>
        <translation>Die Übergabe ist bereits abgeschlossen.</translation>
    </message>
    <message>
        <source>You are not on this agent&apos;s handoff team.</source>
        <translation>Sie gehören nicht zum Übergabeteam dieses Agenten.</translation>
    </message>
    <message>
        <source>You already have as many open handoffs as you may.</source>
        <translation>Sie haben bereits so viele offene Übergaben, wie Sie dürfen.</translation>
    </message>
    <message>
        <source>There is no such operator.</source>
        <translation>Diesen Bearbeiter gibt es nicht.</translation>
    </message>
    <message>
        <source>Resolve the handoff</source>
        <translation>Übergabe abschließen</translation>
    </message>
    <message>
        <source>Owned by %1 — assign it to yourself to work it, or add an internal note.</source>
        <translation>Gehört %1 – weisen Sie es sich zu, um es zu bearbeiten, oder fügen Sie eine interne Notiz hinzu.</translation>
    </message>
    <message>
        <source>a colleague</source>
        <translation>einer Kollegin oder einem Kollegen</translation>
    </message>
    <message>
        <source>Reply to the customer</source>
        <translation>Dem Kunden antworten</translation>
    </message>
</context>
<context>
    <name>ApiFailure</name>
    <message>
        <source>The server cannot be reached. Check the network connection; queued work is kept and sent later.</source>
        <translation>Der Server ist nicht erreichbar. Prüfen Sie die Netzwerkverbindung; vorgemerkte Arbeit bleibt erhalten und wird später gesendet.</translation>
    </message>
    <message>
        <source>The server did not answer in time. Queued work is kept and sent later.</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet. Vorgemerkte Arbeit bleibt erhalten und wird später gesendet.</translation>
    </message>
    <message>
        <source>The server&apos;s identity could not be verified (TLS error: %1). Nothing was sent.</source>
        <translation>Die Identität des Servers konnte nicht überprüft werden (TLS-Fehler: %1). Es wurde nichts gesendet.</translation>
    </message>
    <message>
        <source>Refusing to talk to this server without encryption. Use https, or explicitly allow insecure connections.</source>
        <translation>Ohne Verschlüsselung wird keine Verbindung zu diesem Server aufgebaut. Verwenden Sie https oder erlauben Sie unsichere Verbindungen ausdrücklich.</translation>
    </message>
    <message>
        <source>Your session has expired. Please sign in again.</source>
        <translation>Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.</translation>
    </message>
    <message>
        <source>The server refused the request (HTTP %1).</source>
        <translation>Der Server hat die Anfrage abgelehnt (HTTP %1).</translation>
    </message>
    <message>
        <source>The server had a problem (HTTP %1). It will be retried.</source>
        <translation>Auf dem Server ist ein Problem aufgetreten (HTTP %1). Es wird erneut versucht.</translation>
    </message>
    <message>
        <source>The server sent a reply this version does not understand (%1).</source>
        <translation>Der Server hat eine Antwort gesendet, die diese Version nicht versteht (%1).</translation>
    </message>
</context>
<context>
    <name>ConsoleApp</name>
    <message>
        <source>The environment variable %1 is empty; enter the password.</source>
        <translation>Die Umgebungsvariable %1 ist leer; geben Sie das Passwort ein.</translation>
    </message>
    <message>
        <source>The server is not reachable: showing the local copy.</source>
        <translation>Der Server ist nicht erreichbar: Die lokale Kopie wird angezeigt.</translation>
    </message>
    <message>
        <source>Token not saved</source>
        <translation>Token nicht gespeichert</translation>
    </message>
    <message>
        <source>Signed out.</source>
        <translation>Abgemeldet.</translation>
    </message>
</context>
<context>
    <name>DecodeError</name>
    <message>
        <source>Field &quot;%1&quot;: %2</source>
        <translation>Feld „%1“: %2</translation>
    </message>
</context>
<context>
    <name>ScreenshotDriver</name>
    <message>
        <source>Checked the order: the parcel is stuck at the depot. **Do not refund yet** — carrier confirms delivery by Friday.

Escalated to logistics, ticket LOG-2291.</source>
        <translation>Bestellung geprüft: Das Paket hängt im Depot fest. **Noch nicht erstatten** – der Paketdienst bestätigt die Zustellung bis Freitag.

An die Logistik eskaliert, Ticket LOG-2291.</translation>
    </message>
    <message>
        <source>Called the customer: they will send photos of the damage tonight.</source>
        <translation>Kunden angerufen: Er schickt heute Abend Fotos des Schadens.</translation>
    </message>
</context>
<context>
    <name>StoreError</name>
    <message>
        <source>the disk is full</source>
        <translation>der Datenträger ist voll</translation>
    </message>
    <message>
        <source>another program is using the local cache</source>
        <translation>ein anderes Programm verwendet den lokalen Zwischenspeicher</translation>
    </message>
    <message>
        <source>the cache file is read-only</source>
        <translation>die Zwischenspeicherdatei ist schreibgeschützt</translation>
    </message>
    <message>
        <source>a database error occurred</source>
        <translation>ein Datenbankfehler ist aufgetreten</translation>
    </message>
    <message>
        <source>Could not update the local cache: %1.</source>
        <translation>Der lokale Zwischenspeicher konnte nicht aktualisiert werden: %1.</translation>
    </message>
</context>
<context>
    <name>SystemLine</name>
    <message>
        <source>%1 changed the priority from %2 to %3</source>
        <translation>%1 hat die Priorität von %2 auf %3 geändert</translation>
    </message>
    <message>
        <source>%1 changed the status to %2</source>
        <translation>%1 hat den Status auf %2 gesetzt</translation>
    </message>
    <message>
        <source>%1 assigned the ticket to %2</source>
        <translation>%1 hat das Ticket %2 zugewiesen</translation>
    </message>
    <message>
        <source>%1 unassigned the ticket</source>
        <translation>%1 hat die Zuweisung des Tickets aufgehoben</translation>
    </message>
    <message>
        <source>%1 took over from the AI agent</source>
        <translation>%1 hat vom KI-Agenten übernommen</translation>
    </message>
    <message>
        <source>%1 closed the ticket</source>
        <translation>%1 hat das Ticket geschlossen</translation>
    </message>
    <message>
        <source>%1 reopened the ticket</source>
        <translation>%1 hat das Ticket wieder geöffnet</translation>
    </message>
    <message>
        <source>%1 force-closed the ticket</source>
        <translation>%1 hat das Ticket zwangsweise geschlossen</translation>
    </message>
    <message>
        <source>%1 requested a human</source>
        <translation>%1 hat einen Menschen angefordert</translation>
    </message>
    <message>
        <source>Skills: %1</source>
        <translation>Fähigkeiten: %1</translation>
    </message>
    <message>
        <source>Routed to %1 (round robin).</source>
        <translation>An %1 weitergeleitet (reihum).</translation>
    </message>
    <message>
        <source>Capacity freed up: routed to %1 (round robin).</source>
        <translation>Kapazität frei geworden: an %1 weitergeleitet (reihum).</translation>
    </message>
    <message>
        <source>Everyone eligible is at capacity: waiting for the team.</source>
        <translation>Alle Infrage kommenden sind ausgelastet: wartet auf das Team.</translation>
    </message>
    <message>
        <source>Offered to %1 (first available).</source>
        <translation>%1 angeboten (wer zuerst frei ist).</translation>
    </message>
    <message>
        <source>%1 claimed the handoff and joined the conversation</source>
        <translation>%1 hat die Übergabe angenommen und ist dem Gespräch beigetreten</translation>
    </message>
    <message>
        <source>%1 resolved the conversation; a rating was asked for</source>
        <translation>%1 hat das Gespräch abgeschlossen; um eine Bewertung wurde gebeten</translation>
    </message>
    <message>
        <source>The customer rated the conversation %1/5</source>
        <translation>Der Kunde hat das Gespräch mit %1/5 bewertet</translation>
    </message>
    <message>
        <source>Email sent to %1 (%2)</source>
        <translation>E-Mail an %1 gesendet (%2)</translation>
    </message>
    <message>
        <source>Email to %1 failed after %2 attempts: %3</source>
        <translation>E-Mail an %1 nach %2 Versuchen fehlgeschlagen: %3</translation>
    </message>
    <message>
        <source>handoff requested</source>
        <translation>Übergabe angefordert</translation>
    </message>
    <message>
        <source>handoff assigned</source>
        <translation>Übergabe zugewiesen</translation>
    </message>
    <message>
        <source>handoff active</source>
        <translation>Übergabe aktiv</translation>
    </message>
    <message>
        <source>handoff resolved</source>
        <translation>Übergabe erledigt</translation>
    </message>
    <message>
        <source>sent</source>
        <translation>gesendet</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>bounced</source>
        <translation>unzustellbar</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Triage AI-managed support tickets and human handoffs.</source>
        <translation>KI-verwaltete Support-Tickets und Übergaben an Menschen bearbeiten.</translation>
    </message>
    <message>
        <source>Ticket server address.</source>
        <translation>Adresse des Ticket-Servers.</translation>
    </message>
    <message>
        <source>Account (tenant) name.</source>
        <translation>Name des Kontos (Mandanten).</translation>
    </message>
    <message>
        <source>Your email address.</source>
        <translation>Ihre E-Mail-Adresse.</translation>
    </message>
    <message>
        <source>Sign in with the password held in this environment variable (never the password itself).</source>
        <translation>Mit dem Passwort aus dieser Umgebungsvariable anmelden (niemals das Passwort selbst angeben).</translation>
    </message>
    <message>
        <source>Keep settings and the offline cache in this directory.</source>
        <translation>Einstellungen und den Offline-Zwischenspeicher in diesem Verzeichnis ablegen.</translation>
    </message>
    <message>
        <source>Save documentation screenshots into this directory, then quit.</source>
        <translation>Bildschirmfotos für die Dokumentation in diesem Verzeichnis speichern und danach beenden.</translation>
    </message>
</context>
<context>
    <name>zeiko::ConsoleSession</name>
    <message>
        <source>The offline cache could not be opened (%1): %2</source>
        <translation>Der Offline-Zwischenspeicher konnte nicht geöffnet werden (%1): %2</translation>
    </message>
</context>
<context>
    <name>zeiko::CredentialStore</name>
    <message>
        <source>No saved sign-in was found for this account.</source>
        <translation>Für dieses Konto wurde keine gespeicherte Anmeldung gefunden.</translation>
    </message>
    <message>
        <source>No system keychain is available; you will be asked to sign in each time you start the console. Your password and token are never written to disk.</source>
        <translation>Es ist kein Schlüsselbund des Systems verfügbar; Sie werden bei jedem Start der Konsole nach der Anmeldung gefragt. Ihr Passwort und Ihr Token werden nie auf die Festplatte geschrieben.</translation>
    </message>
    <message>
        <source>Access to the system keychain was denied, so your sign-in cannot be saved or read. Your password and token are never written to disk.</source>
        <translation>Der Zugriff auf den Schlüsselbund des Systems wurde verweigert, daher kann Ihre Anmeldung weder gespeichert noch gelesen werden. Ihr Passwort und Ihr Token werden nie auf die Festplatte geschrieben.</translation>
    </message>
    <message>
        <source>The system keychain reported an error, so your sign-in could not be saved or read. Your password and token are never written to disk.</source>
        <translation>Der Schlüsselbund des Systems hat einen Fehler gemeldet, daher konnte Ihre Anmeldung weder gespeichert noch gelesen werden. Ihr Passwort und Ihr Token werden nie auf die Festplatte geschrieben.</translation>
    </message>
</context>
<context>
    <name>zeiko::EventStream</name>
    <message>
        <source>Refusing an unencrypted connection to %1.</source>
        <translation>Eine unverschlüsselte Verbindung zu %1 wird abgelehnt.</translation>
    </message>
    <message>
        <source>The live connection closed.</source>
        <translation>Die Live-Verbindung wurde geschlossen.</translation>
    </message>
    <message>
        <source>The live connection went silent.</source>
        <translation>Die Live-Verbindung antwortet nicht mehr.</translation>
    </message>
</context>
<context>
    <name>zeiko::LocalStore</name>
    <message>
        <source>Could not open the local cache at %1: %2</source>
        <translation>Der lokale Zwischenspeicher unter %1 konnte nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>The file %1 is not a Zeiko cache (or it is damaged).</source>
        <translation>Die Datei %1 ist kein Zeiko-Zwischenspeicher (oder sie ist beschädigt).</translation>
    </message>
    <message>
        <source>The local cache at %1 was written by a newer version of Zeiko (schema %2; this version understands up to %3). Update Zeiko, or move that file away to start with an empty cache.</source>
        <translation>Der lokale Zwischenspeicher unter %1 wurde von einer neueren Zeiko-Version geschrieben (Schema %2; diese Version versteht bis %3). Aktualisieren Sie Zeiko oder verschieben Sie die Datei, um mit einem leeren Zwischenspeicher zu beginnen.</translation>
    </message>
    <message>
        <source>Could not prepare the local cache at %1: %2</source>
        <translation>Der lokale Zwischenspeicher unter %1 konnte nicht vorbereitet werden: %2</translation>
    </message>
    <message>
        <source>The local cache is not open.</source>
        <translation>Der lokale Zwischenspeicher ist nicht geöffnet.</translation>
    </message>
</context>
<context>
    <name>zeiko::Outbox</name>
    <message>
        <source>The action could not be queued: %1</source>
        <translation>Die Aktion konnte nicht vorgemerkt werden: %1</translation>
    </message>
</context>
<context>
    <name>zeiko::SyncEngine</name>
    <message>
        <source>The live feed sent data this version does not understand (%1).</source>
        <translation>Der Live-Datenstrom hat Daten gesendet, die diese Version nicht versteht (%1).</translation>
    </message>
    <message>
        <source>The server sent events out of order; retrying.</source>
        <translation>Der Server hat Ereignisse in falscher Reihenfolge gesendet; neuer Versuch.</translation>
    </message>
</context>
<context>
    <name>zeiko::ThreadModel</name>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
</context>
<context>
    <name>zeiko::TicketQueueModel</name>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>An action was refused: %1</source>
        <translation>Eine Aktion wurde abgelehnt: %1</translation>
    </message>
    <message>
        <source>Changes waiting to be sent</source>
        <translation>Änderungen warten auf das Senden</translation>
    </message>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Betreff</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
</context>
<context>
    <name>zeiko::labels</name>
    <message>
        <source>Open</source>
        <translation>Offen</translation>
    </message>
    <message>
        <source>Waiting on customer</source>
        <translation>Wartet auf Kunden</translation>
    </message>
    <message>
        <source>Waiting on team</source>
        <translation>Wartet auf Team</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Geschlossen</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Niedrig</translation>
    </message>
    <message>
        <source>Normal</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>High</source>
        <translation>Hoch</translation>
    </message>
    <message>
        <source>Urgent</source>
        <translation>Dringend</translation>
    </message>
    <message>
        <source>On track</source>
        <translation>Im Plan</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>Gefährdet</translation>
    </message>
    <message>
        <source>Breached</source>
        <translation>Verletzt</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Erfüllt</translation>
    </message>
    <message>
        <source>Widget</source>
        <translation>Widget</translation>
    </message>
    <message>
        <source>Handoff</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Shopify</source>
        <translation>Shopify</translation>
    </message>
    <message>
        <source>AI agent</source>
        <translation>KI-Agent</translation>
    </message>
    <message>
        <source>Human</source>
        <translation>Mensch</translation>
    </message>
    <message>
        <source>Customer message</source>
        <translation>Kundennachricht</translation>
    </message>
    <message>
        <source>AI agent reply</source>
        <translation>Antwort des KI-Agenten</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Interne Notiz</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Änderung</translation>
    </message>
    <message>
        <source>Email reply</source>
        <translation>E-Mail-Antwort</translation>
    </message>
    <message>
        <source>Live chat reply</source>
        <translation>Live-Chat-Antwort</translation>
    </message>
    <message>
        <source>Take over from the AI agent</source>
        <translation>Vom KI-Agenten übernehmen</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Force close</source>
        <translation>Schließen erzwingen</translation>
    </message>
    <message>
        <source>Force close: %1</source>
        <translation>Schließen erzwungen: %1</translation>
    </message>
    <message>
        <source>Set priority to %1</source>
        <translation>Priorität auf %1 setzen</translation>
    </message>
    <message>
        <source>Assign</source>
        <translation>Zuweisen</translation>
    </message>
    <message>
        <source>Unassign</source>
        <translation>Zuweisung aufheben</translation>
    </message>
    <message>
        <source>Resolve the handoff</source>
        <translation>Übergabe abschließen</translation>
    </message>
    <message>
        <source>Change the handoff settings of %1</source>
        <translation>Übergabe-Einstellungen von %1 ändern</translation>
    </message>
    <message>
        <source>Reply · not sent yet</source>
        <translation>Antwort · noch nicht gesendet</translation>
    </message>
    <message>
        <source>Reply · not sent</source>
        <translation>Antwort · nicht gesendet</translation>
    </message>
    <message>
        <source>Reply · to the customer</source>
        <translation>Antwort · an den Kunden</translation>
    </message>
    <message>
        <source>Email reply · not sent yet</source>
        <translation>E-Mail-Antwort · noch nicht gesendet</translation>
    </message>
    <message>
        <source>Email reply · not sent</source>
        <translation>E-Mail-Antwort · nicht gesendet</translation>
    </message>
    <message>
        <source>Email reply · emailed to the customer</source>
        <translation>E-Mail-Antwort · per E-Mail an den Kunden</translation>
    </message>
    <message>
        <source>Live reply · not sent yet</source>
        <translation>Live-Antwort · noch nicht gesendet</translation>
    </message>
    <message>
        <source>Live reply · not sent</source>
        <translation>Live-Antwort · nicht gesendet</translation>
    </message>
    <message>
        <source>Live reply · in the customer&apos;s chat</source>
        <translation>Live-Antwort · im Chat des Kunden</translation>
    </message>
    <message>
        <source>Chat reply · not sent yet</source>
        <translation>Chat-Antwort · noch nicht gesendet</translation>
    </message>
    <message>
        <source>Chat reply · not sent</source>
        <translation>Chat-Antwort · nicht gesendet</translation>
    </message>
    <message>
        <source>Chat reply · in the website chat only, not emailed</source>
        <translation>Chat-Antwort · nur im Website-Chat, nicht per E-Mail</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::ActionNotice</name>
    <message>
        <source>Why that key did nothing</source>
        <translation>Warum diese Taste nichts getan hat</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::ActionRegistry</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::AssignDialog</name>
    <message>
        <source>Assign to…</source>
        <translation>Zuweisen an…</translation>
    </message>
    <message>
        <source>Assign to an operator</source>
        <translation>Einem Bearbeiter zuweisen</translation>
    </message>
    <message>
        <source>Operator name</source>
        <translation>Name des Bearbeiters</translation>
    </message>
    <message>
        <source>Type a name or email</source>
        <translation>Namen oder E-Mail-Adresse eingeben</translation>
    </message>
    <message>
        <source>Operators</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>No operators known yet (offline?)</source>
        <translation>Noch keine Bearbeiter bekannt (offline?)</translation>
    </message>
    <message>
        <source>Assign #%1 to %2</source>
        <translation>#%1 an %2 zuweisen</translation>
    </message>
    <message>
        <source>Nobody to assign yet: the operators are not known (offline?).</source>
        <translation>Noch niemand zum Zuweisen: Die Bearbeiter sind noch nicht bekannt (offline?).</translation>
    </message>
    <message>
        <source>No operator matches “%1”.</source>
        <translation>Kein Bearbeiter passt zu „%1“.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::AttentionWatcher</name>
    <message>
        <source>Notifications may be missed</source>
        <translation>Benachrichtigungen könnten ausbleiben</translation>
    </message>
    <message>
        <source>The local cache could not be read: %1</source>
        <translation>Der lokale Cache konnte nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>Handoff assigned to you</source>
        <translation>Ihnen wurde eine Übergabe zugewiesen</translation>
    </message>
    <message>
        <source>SLA at risk</source>
        <translation>SLA gefährdet</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::CheatSheet</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Single keys work whenever you are not typing in a field, by key position (as on a US keyboard). Change them in Settings.</source>
        <translation>Einzeltasten wirken, solange Sie nicht in einem Feld tippen, und zwar nach Tastenposition (wie auf einer US-Tastatur). Ändern Sie sie in den Einstellungen.</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Gruppe</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation>Navigieren</translation>
    </message>
    <message>
        <source>Down / Up</source>
        <translation>Runter / Hoch</translation>
    </message>
    <message>
        <source>Next / previous ticket in the queue</source>
        <translation>Nächstes / vorheriges Ticket in der Warteschlange</translation>
    </message>
    <message>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Umschalt+Tab</translation>
    </message>
    <message>
        <source>Move between panes and controls</source>
        <translation>Zwischen Bereichen und Bedienelementen wechseln</translation>
    </message>
    <message>
        <source>Enter (in the composer)</source>
        <translation>Eingabe (im Editor)</translation>
    </message>
    <message>
        <source>New line — never sends</source>
        <translation>Neue Zeile – sendet nie</translation>
    </message>
    <message>
        <source>Compose</source>
        <translation>Verfassen</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::CommandPalette</name>
    <message>
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <source>Command or ticket number</source>
        <translation>Befehl oder Ticketnummer</translation>
    </message>
    <message>
        <source>Type a command, or a ticket number like #1042</source>
        <translation>Befehl oder Ticketnummer wie #1042 eingeben</translation>
    </message>
    <message>
        <source>Matching commands</source>
        <translation>Passende Befehle</translation>
    </message>
    <message>
        <source>Open ticket #%1</source>
        <translation>Ticket #%1 öffnen</translation>
    </message>
    <message>
        <source>Open ticket #%1 — %2</source>
        <translation>Ticket #%1 öffnen — %2</translation>
    </message>
    <message>
        <source>No ticket #%1 in this console&apos;s copy of the tickets</source>
        <translation>Kein Ticket #%1 in der Ticket-Kopie dieser Konsole</translation>
    </message>
    <message>
        <source>There is nothing to open.</source>
        <translation>Es gibt nichts zu öffnen.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::Composer</name>
    <message>
        <source>Could not save the draft: %1. The text is kept in memory and saved when the local cache works again — do not quit before this bar is gone.</source>
        <translation>Der Entwurf konnte nicht gespeichert werden: %1. Der Text bleibt im Speicher und wird gespeichert, sobald der lokale Cache wieder funktioniert — beenden Sie nicht, bevor diese Leiste verschwunden ist.</translation>
    </message>
    <message>
        <source>Could not read the saved draft: %1. It is left as it is on disk.</source>
        <translation>Der gespeicherte Entwurf konnte nicht gelesen werden: %1. Er bleibt auf der Festplatte unverändert.</translation>
    </message>
    <message>
        <source>The unsent message could not be put back into the draft of %1: %2. It is kept in memory and copied to the clipboard.</source>
        <translation>Die nicht gesendete Nachricht konnte nicht in den Entwurf von %1 zurückgelegt werden: %2. Sie bleibt im Speicher und wurde in die Zwischenablage kopiert.</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Anzeigen</translation>
    </message>
    <message>
        <source>Show the refused action</source>
        <translation>Die abgelehnte Aktion anzeigen</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Not queued</source>
        <translation>Nicht vorgemerkt</translation>
    </message>
    <message>
        <source>Not sent: %1 on %2 was refused — %3. It is kept in the outbox and the thread: retry, edit or discard it.</source>
        <translation>Nicht gesendet: %1 zu %2 wurde abgelehnt — %3. Sie bleibt im Postausgang und im Verlauf: wiederholen, bearbeiten oder verwerfen Sie sie.</translation>
    </message>
    <message>
        <source>Composer</source>
        <translation>Editor</translation>
    </message>
    <message>
        <source>Composer mode</source>
        <translation>Editormodus</translation>
    </message>
    <message>
        <source>Email reply</source>
        <translation>E-Mail-Antwort</translation>
    </message>
    <message>
        <source>Internal note</source>
        <translation>Interne Notiz</translation>
    </message>
    <message>
        <source>Internal note mode: private to your team</source>
        <translation>Modus Interne Notiz: nur für Ihr Team sichtbar</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Vorschau</translation>
    </message>
    <message>
        <source>Show the markdown preview</source>
        <translation>Markdown-Vorschau anzeigen</translation>
    </message>
    <message>
        <source>Markdown preview</source>
        <translation>Markdown-Vorschau</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>Rückgängig</translation>
    </message>
    <message>
        <source>Undo sending</source>
        <translation>Senden rückgängig machen</translation>
    </message>
    <message>
        <source>Ctrl+Enter sends · Enter is a new line · markdown</source>
        <translation>Strg+Eingabe sendet · Eingabe ist eine neue Zeile · Markdown</translation>
    </message>
    <message>
        <source>INTERNAL NOTE — private: only your team sees this</source>
        <translation>INTERNE NOTIZ – privat: nur Ihr Team sieht sie</translation>
    </message>
    <message>
        <source>Write a private note for your team (markdown)…</source>
        <translation>Private Notiz für Ihr Team schreiben (Markdown)…</translation>
    </message>
    <message>
        <source>Write your reply to the customer (markdown)…</source>
        <translation>Antwort an den Kunden schreiben (Markdown)…</translation>
    </message>
    <message>
        <source>Internal note text</source>
        <translation>Text der internen Notiz</translation>
    </message>
    <message>
        <source>Add internal note</source>
        <translation>Interne Notiz hinzufügen</translation>
    </message>
    <message>
        <source>Send email reply</source>
        <translation>E-Mail-Antwort senden</translation>
    </message>
    <message>
        <source>Internal note · draft</source>
        <translation>Interne Notiz · Entwurf</translation>
    </message>
    <message>
        <source>The internal note has a saved draft</source>
        <translation>Die interne Notiz hat einen gespeicherten Entwurf</translation>
    </message>
    <message>
        <source>%1: note added in %2 s (Ctrl+Z)</source>
        <translation>%1: Notiz folgt in %2 s (Strg+Z)</translation>
    </message>
    <message>
        <source>%1: reply sends in %2 s (Ctrl+Z)</source>
        <translation>%1: Antwort geht in %2 s raus (Strg+Z)</translation>
    </message>
    <message>
        <source>%1: note not added, back in its draft</source>
        <translation>%1: Notiz nicht hinzugefügt, wieder im Entwurf</translation>
    </message>
    <message>
        <source>%1: reply not sent, back in its draft</source>
        <translation>%1: Antwort nicht gesendet, wieder im Entwurf</translation>
    </message>
    <message>
        <source>Now an internal note (private)</source>
        <translation>Jetzt eine interne Notiz (privat)</translation>
    </message>
    <message>
        <source>Note draft shown; reply kept</source>
        <translation>Notizentwurf gezeigt; Antwort bleibt</translation>
    </message>
    <message>
        <source>Reply draft shown; note kept</source>
        <translation>Antwortentwurf gezeigt; Notiz bleibt</translation>
    </message>
    <message>
        <source>Reply mode: the customer receives it</source>
        <translation>Antwortmodus: Der Kunde erhält sie</translation>
    </message>
    <message>
        <source>Now a reply to the customer: %1</source>
        <translation>Jetzt eine Antwort an den Kunden: %1</translation>
    </message>
    <message>
        <source>%1 · draft</source>
        <translation>%1 · Entwurf</translation>
    </message>
    <message>
        <source>The reply has a saved draft</source>
        <translation>Die Antwort hat einen gespeicherten Entwurf</translation>
    </message>
    <message>
        <source>Reply</source>
        <translation>Antwort</translation>
    </message>
    <message>
        <source>REPLY — the customer receives this</source>
        <translation>ANTWORT – der Kunde erhält diese Nachricht</translation>
    </message>
    <message>
        <source>Send reply</source>
        <translation>Antwort senden</translation>
    </message>
    <message>
        <source>Live chat reply</source>
        <translation>Live-Chat-Antwort</translation>
    </message>
    <message>
        <source>LIVE CHAT REPLY — appears at once in the customer&apos;s open chat (not emailed)</source>
        <translation>LIVE-CHAT-ANTWORT – erscheint sofort im offenen Chat des Kunden (keine E-Mail)</translation>
    </message>
    <message>
        <source>Send in the live chat</source>
        <translation>Im Live-Chat senden</translation>
    </message>
    <message>
        <source>Chat reply</source>
        <translation>Chat-Antwort</translation>
    </message>
    <message>
        <source>CHAT REPLY ONLY — no email address: the visitor sees it only if they come back to the website chat</source>
        <translation>NUR CHAT-ANTWORT – keine E-Mail-Adresse: Der Besucher sieht sie nur, wenn er in den Website-Chat zurückkehrt</translation>
    </message>
    <message>
        <source>Post to the chat</source>
        <translation>Im Chat hinterlegen</translation>
    </message>
    <message>
        <source>EMAIL REPLY — this customer has no email address: nobody will receive it. Add an internal note instead.</source>
        <translation>E-MAIL-ANTWORT – dieser Kunde hat keine E-Mail-Adresse: Niemand wird sie erhalten. Fügen Sie stattdessen eine interne Notiz hinzu.</translation>
    </message>
    <message>
        <source>EMAIL REPLY — cannot be delivered to %1: %2</source>
        <translation>E-MAIL-ANTWORT – kann nicht an %1 zugestellt werden: %2</translation>
    </message>
    <message>
        <source>Follow-up email</source>
        <translation>Nachfass-E-Mail</translation>
    </message>
    <message>
        <source>Send follow-up email</source>
        <translation>Nachfass-E-Mail senden</translation>
    </message>
    <message>
        <source>FOLLOW-UP EMAIL to %1 — also shown in the website chat</source>
        <translation>NACHFASS-E-MAIL an %1 – auch im Website-Chat sichtbar</translation>
    </message>
    <message>
        <source>FOLLOW-UP EMAIL to %1 (typed by the visitor, not verified) — also shown in the website chat</source>
        <translation>NACHFASS-E-MAIL an %1 (vom Besucher eingegeben, nicht bestätigt) – auch im Website-Chat sichtbar</translation>
    </message>
    <message>
        <source>EMAIL REPLY — emailed to %1</source>
        <translation>E-MAIL-ANTWORT – per E-Mail an %1</translation>
    </message>
    <message>
        <source>Reply text</source>
        <translation>Antworttext</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::FactsRail</name>
    <message>
        <source>Requested — waiting for a human</source>
        <translation>Angefordert – wartet auf einen Menschen</translation>
    </message>
    <message>
        <source>Assigned, not joined yet</source>
        <translation>Zugewiesen, noch nicht beigetreten</translation>
    </message>
    <message>
        <source>Active — a human is in the conversation</source>
        <translation>Aktiv – ein Mensch ist im Gespräch</translation>
    </message>
    <message>
        <source>Resolved</source>
        <translation>Gelöst</translation>
    </message>
    <message>
        <source>Ticket facts</source>
        <translation>Ticketdaten</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Zuständig</translation>
    </message>
    <message>
        <source>Assignee</source>
        <translation>Bearbeiter</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Erstellt</translation>
    </message>
    <message>
        <source>Last activity</source>
        <translation>Letzte Aktivität</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Schlagwörter</translation>
    </message>
    <message>
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>First response</source>
        <translation>Erste Antwort</translation>
    </message>
    <message>
        <source>Next response</source>
        <translation>Nächste Antwort</translation>
    </message>
    <message>
        <source>Resolution</source>
        <translation>Lösung</translation>
    </message>
    <message>
        <source>Shopify order</source>
        <translation>Shopify-Bestellung</translation>
    </message>
    <message>
        <source>Customer satisfaction</source>
        <translation>Kundenzufriedenheit</translation>
    </message>
    <message>
        <source>Handoff conversation</source>
        <translation>Übergabegespräch</translation>
    </message>
    <message>
        <source>Open handoff conversation</source>
        <translation>Übergabegespräch öffnen</translation>
    </message>
    <message>
        <source>Open the linked handoff conversation</source>
        <translation>Das verknüpfte Übergabegespräch öffnen</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>in %1</source>
        <translation>in %1</translation>
    </message>
    <message>
        <source>%1 overdue</source>
        <translation>%1 überfällig</translation>
    </message>
    <message>
        <source>Met at %1</source>
        <translation>Erfüllt um %1</translation>
    </message>
    <message>
        <source>No ticket selected</source>
        <translation>Kein Ticket ausgewählt</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>Human (taken over)</source>
        <translation>Mensch (übernommen)</translation>
    </message>
    <message>
        <source>AI agent — handoff waiting for a human</source>
        <translation>KI-Agent – Übergabe wartet auf einen Menschen</translation>
    </message>
    <message>
        <source>AI agent</source>
        <translation>KI-Agent</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>%1 (AI agent)</source>
        <translation>%1 (KI-Agent)</translation>
    </message>
    <message>
        <source>Anonymous visitor</source>
        <translation>Anonymer Besucher</translation>
    </message>
    <message>
        <source>(unverified: typed into the chat)</source>
        <translation>(nicht bestätigt: im Chat eingegeben)</translation>
    </message>
    <message>
        <source>⚠ Replies cannot be emailed to this address: %1</source>
        <translation>⚠ Antworten können nicht per E-Mail an diese Adresse gesendet werden: %1</translation>
    </message>
    <message>
        <source>Payment</source>
        <translation>Zahlung</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>Versand</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Sendungsverfolgung</translation>
    </message>
    <message>
        <source>%1 of 5 %2</source>
        <translation>%1 von 5 %2</translation>
    </message>
    <message>
        <source>Not rated yet</source>
        <translation>Noch nicht bewertet</translation>
    </message>
    <message>
        <source>Linked handoff %1</source>
        <translation>Verknüpfte Übergabe %1</translation>
    </message>
    <message>
        <source>Shown with your changes that are not sent yet.</source>
        <translation>Angezeigt mit Ihren Änderungen, die noch nicht gesendet sind.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::HandoffDialog</name>
    <message>
        <source>Handoff conversation</source>
        <translation>Übergabegespräch</translation>
    </message>
    <message>
        <source>Live conversation</source>
        <translation>Live-Gespräch</translation>
    </message>
    <message>
        <source>Reply in the live conversation</source>
        <translation>Im Live-Gespräch antworten</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Handoff conversation — #%1 %2</source>
        <translation>Übergabegespräch – #%1 %2</translation>
    </message>
    <message>
        <source>The AI agent asked for a human.</source>
        <translation>Der KI-Agent hat einen Menschen angefordert.</translation>
    </message>
    <message>
        <source>Assigned to %1, not joined yet.</source>
        <translation>%1 zugewiesen, noch nicht beigetreten.</translation>
    </message>
    <message>
        <source>someone</source>
        <translation>jemandem</translation>
    </message>
    <message>
        <source>Live: %1 is in the conversation.</source>
        <translation>Live: %1 ist im Gespräch.</translation>
    </message>
    <message>
        <source>a human</source>
        <translation>ein Mensch</translation>
    </message>
    <message>
        <source>Resolved.</source>
        <translation>Gelöst.</translation>
    </message>
    <message>
        <source>Loading the handoff…</source>
        <translation>Übergabe wird geladen…</translation>
    </message>
    <message>
        <source>Send in the live chat (Ctrl+Enter)</source>
        <translation>Im Live-Chat senden (Strg+Eingabe)</translation>
    </message>
    <message>
        <source>The ticket is not in the local copy yet.</source>
        <translation>Das Ticket ist noch nicht in der lokalen Kopie.</translation>
    </message>
    <message>
        <source>The ticket is closed: the live conversation is over.</source>
        <translation>Das Ticket ist geschlossen: Das Live-Gespräch ist beendet.</translation>
    </message>
    <message>
        <source>Nobody has joined the conversation yet: take it over to reply live.</source>
        <translation>Noch niemand ist dem Gespräch beigetreten: Übernehmen Sie es, um live zu antworten.</translation>
    </message>
    <message>
        <source>another operator</source>
        <translation>ein anderer Mitarbeiter</translation>
    </message>
    <message>
        <source>You own it: what you send goes straight to the customer&apos;s chat.</source>
        <translation>Sie führen das Gespräch: Was Sie senden, erscheint direkt im Chat des Kunden.</translation>
    </message>
    <message>
        <source>Write to the customer… (Ctrl+Enter sends)</source>
        <translation>An den Kunden schreiben … (Strg+Eingabe sendet)</translation>
    </message>
    <message>
        <source>Your live reply was refused: %1</source>
        <translation>Ihre Live-Antwort wurde abgelehnt: %1</translation>
    </message>
    <message>
        <source>Not queued: %1</source>
        <translation>Nicht eingereiht: %1</translation>
    </message>
    <message>
        <source>The handoff is resolved: the live conversation is over. Reply from the ticket instead.</source>
        <translation>Die Übergabe ist abgeschlossen: Das Live-Gespräch ist beendet. Antworten Sie stattdessen aus dem Ticket.</translation>
    </message>
    <message>
        <source>%1 owns the live conversation: only they can reply. Assign the ticket to yourself to reply.</source>
        <translation>%1 führt das Live-Gespräch: Nur diese Person kann antworten. Weisen Sie sich das Ticket zu, um selbst zu antworten.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::KeyDispatcher</name>
    <message>
        <source>Not available right now.</source>
        <translation>Im Moment nicht verfügbar.</translation>
    </message>
    <message>
        <source>%1 (%2): %3</source>
        <translation>%1 (%2): %3</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::MainWindow</name>
    <message>
        <source>Zeiko Handoff Console — %1 (%2)</source>
        <translation>Zeiko Übergabekonsole – %1 (%2)</translation>
    </message>
    <message>
        <source>Zeiko Handoff Console</source>
        <translation>Zeiko Übergabekonsole</translation>
    </message>
    <message>
        <source>Synced %1</source>
        <translation>Synchronisiert %1</translation>
    </message>
    <message>
        <source>Loading tickets… %1</source>
        <translation>Tickets werden geladen… %1</translation>
    </message>
    <message>
        <source>The conversation could not be refreshed: %1</source>
        <translation>Das Gespräch konnte nicht aktualisiert werden: %1</translation>
    </message>
    <message>
        <source>Refused by the server: %1</source>
        <translation>Vom Server abgelehnt: %1</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>Verbindung</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Noch nicht synchronisiert</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Letzte Synchronisierung</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Polling</source>
        <translation>Abfragemodus</translation>
    </message>
    <message>
        <source>Offline — working from the local copy</source>
        <translation>Offline – Arbeit mit der lokalen Kopie</translation>
    </message>
    <message>
        <source>Outbox: %1 pending, %2 failed</source>
        <translation>Postausgang: %1 ausstehend, %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>Outbox: %1 pending</source>
        <translation>Postausgang: %1 ausstehend</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::OutboxModel</name>
    <message>
        <source>Could not read the outbox: %1. The list below may be out of date.</source>
        <translation>Der Postausgang konnte nicht gelesen werden: %1. Die Liste unten ist möglicherweise veraltet.</translation>
    </message>
    <message>
        <source>Waiting behind the refused “%1” — retry, edit or discard it</source>
        <translation>Wartet hinter der abgelehnten Aktion „%1“ — wiederholen, bearbeiten oder verwerfen Sie sie</translation>
    </message>
    <message>
        <source>Waiting behind “%1”, still in its undo window</source>
        <translation>Wartet hinter „%1“, das noch rückgängig gemacht werden kann</translation>
    </message>
    <message>
        <source>Held — can be undone until %1</source>
        <translation>Zurückgehalten — rückgängig machen bis %1</translation>
    </message>
    <message>
        <source>Queued — after “%1”</source>
        <translation>Vorgemerkt — nach „%1“</translation>
    </message>
    <message>
        <source>Waiting to retry</source>
        <translation>Wartet auf erneuten Versuch</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Vorgemerkt</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>Wird gesendet</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Aktion</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>You</source>
        <translation>Sie</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::OutboxPanel</name>
    <message>
        <source>Discard this one</source>
        <translation>Nur diese verwerfen</translation>
    </message>
    <message>
        <source>Discard the selected waiting action</source>
        <translation>Die ausgewählte wartende Aktion verwerfen</translation>
    </message>
    <message>
        <source>This action waits behind the refused “%1”. Retry, Edit and Discard act on “%1”; “Discard this one” drops only the waiting action.</source>
        <translation>Diese Aktion wartet hinter der abgelehnten Aktion „%1“. Wiederholen, Bearbeiten und Verwerfen wirken auf „%1“; „Nur diese verwerfen“ verwirft nur die wartende Aktion.</translation>
    </message>
    <message>
        <source>Retry “%1”</source>
        <translation>„%1“ wiederholen</translation>
    </message>
    <message>
        <source>Discard “%1”</source>
        <translation>„%1“ verwerfen</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Postausgang</translation>
    </message>
    <message>
        <source>Queued and failed actions</source>
        <translation>Vorgemerkte und fehlgeschlagene Aktionen</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::QueueDelegate</name>
    <message>
        <source>Human</source>
        <translation>Mensch</translation>
    </message>
    <message>
        <source>Handoff waiting</source>
        <translation>Übergabe wartet</translation>
    </message>
    <message>
        <source>AI agent</source>
        <translation>KI-Agent</translation>
    </message>
    <message>
        <source>Handoff</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>AI</source>
        <translation>KI</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::QueuePane</name>
    <message>
        <source>Mine</source>
        <translation>Meine</translation>
    </message>
    <message>
        <source>Unassigned</source>
        <translation>Nicht zugewiesen</translation>
    </message>
    <message>
        <source>Waiting on team</source>
        <translation>Wartet auf Team</translation>
    </message>
    <message>
        <source>SLA at risk</source>
        <translation>SLA gefährdet</translation>
    </message>
    <message>
        <source>All</source>
        <translation>Alle</translation>
    </message>
    <message>
        <source>Offline — you are reading the local copy. Replies and actions are kept in the outbox and sent when the connection returns.</source>
        <translation>Offline – Sie lesen die lokale Kopie. Antworten und Aktionen bleiben im Postausgang und werden gesendet, sobald die Verbindung wieder steht.</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Search tickets</source>
        <translation>Tickets durchsuchen</translation>
    </message>
    <message>
        <source>Search subject, customer, messages  ( / )</source>
        <translation>Betreff, Kunde, Nachrichten durchsuchen  ( / )</translation>
    </message>
    <message>
        <source>Queue views</source>
        <translation>Warteschlangen-Ansichten</translation>
    </message>
    <message>
        <source>Ticket queue</source>
        <translation>Ticket-Warteschlange</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Columns</source>
        <translation>Spalten</translation>
    </message>
    <message>
        <source>Default columns</source>
        <translation>Standardspalten</translation>
    </message>
    <message>
        <source>%1, search “%2”</source>
        <translation>%1, Suche „%2“</translation>
    </message>
    <message>
        <source>#%1 is not in %2: the queue shows All. Esc in the queue goes back.</source>
        <translation>#%1 ist nicht in %2: Die Liste zeigt Alle. Esc in der Liste geht zurück.</translation>
    </message>
    <message>
        <source>Back to %1</source>
        <translation>Zurück zu %1</translation>
    </message>
    <message>
        <source>Tickets that arrived above the selected one since you last looked at the top. Scrolls to the top; the selected ticket stays selected.</source>
        <translation>Tickets, die seit Ihrem letzten Blick nach oben über dem ausgewählten eingetroffen sind. Scrollt nach oben; das ausgewählte Ticket bleibt ausgewählt.</translation>
    </message>
    <message numerus="yes">
        <source>↑ %n new above</source>
        <translation>
            <numerusform>↑ %n neues darüber</numerusform>
            <numerusform>↑ %n neue darüber</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Arrived above the selected ticket: %n. Scroll to the top</source>
        <translation>
            <numerusform>Über dem ausgewählten Ticket eingetroffen: %n. Nach oben scrollen</numerusform>
            <numerusform>Über dem ausgewählten Ticket eingetroffen: %n. Nach oben scrollen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>zeiko::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Undo window for sending, in seconds</source>
        <translation>Zeitfenster zum Rückgängigmachen vor dem Senden, in Sekunden</translation>
    </message>
    <message>
        <source> s</source>
        <translation> s</translation>
    </message>
    <message>
        <source>Undo window before sending</source>
        <translation>Zeitfenster zum Rückgängigmachen vor dem Senden</translation>
    </message>
    <message>
        <source>Notify me when a handoff is assigned to me</source>
        <translation>Benachrichtigen, wenn mir eine Übergabe zugewiesen wird</translation>
    </message>
    <message>
        <source>Notify me when an SLA of my tickets turns at risk</source>
        <translation>Benachrichtigen, wenn ein SLA meiner Tickets gefährdet ist</translation>
    </message>
    <message>
        <source>Shortcuts (click a key and press the new one; single keys are off while typing):</source>
        <translation>Tastenkürzel (auf eine Taste klicken und die neue drücken; Einzeltasten sind beim Tippen aus):</translation>
    </message>
    <message>
        <source>Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Taste</translation>
    </message>
    <message>
        <source>Key for %1</source>
        <translation>Taste für %1</translation>
    </message>
    <message>
        <source>%1 is used by: %2</source>
        <translation>%1 wird verwendet von: %2</translation>
    </message>
    <message>
        <source>Change one of them before OK (Esc takes back the key just recorded).</source>
        <translation>Ändern Sie eine davon, bevor Sie OK wählen (Esc nimmt die gerade aufgenommene Taste zurück).</translation>
    </message>
    <message>
        <source>%1 moves through lists and cannot be a shortcut on its own; use it with Ctrl or Alt.</source>
        <translation>%1 bewegt sich durch Listen und kann allein kein Tastenkürzel sein; verwenden Sie es mit Strg oder Alt.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::SignInController</name>
    <message>
        <source>Enter the server address, e.g. https://tickets.example.com</source>
        <translation>Geben Sie die Serveradresse ein, z. B. https://tickets.example.com</translation>
    </message>
    <message>
        <source>Enter the account, your email and your password.</source>
        <translation>Geben Sie das Konto, Ihre E-Mail-Adresse und Ihr Passwort ein.</translation>
    </message>
    <message>
        <source>The account, email or password is not right.</source>
        <translation>Konto, E-Mail-Adresse oder Passwort stimmen nicht.</translation>
    </message>
    <message>
        <source>%1 You will need to sign in each time the console starts.</source>
        <translation>%1 Sie müssen sich bei jedem Start der Konsole anmelden.</translation>
    </message>
    <message>
        <source>Your session has ended. Please sign in again.</source>
        <translation>Ihre Sitzung ist beendet. Bitte melden Sie sich erneut an.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::SignInDialog</name>
    <message>
        <source>Sign in to Zeiko</source>
        <translation>Bei Zeiko anmelden</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Anmelden</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Konto</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>E-Mail</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Passwort</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Anmeldung läuft…</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::SingleInstance</name>
    <message>
        <source>Another Zeiko Handoff Console is running for this profile but does not answer.</source>
        <translation>Für dieses Profil läuft bereits eine Zeiko Handoff Console, sie antwortet aber nicht.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::Sla</name>
    <message>
        <source>%1d %2h</source>
        <translation>%1 d %2 h</translation>
    </message>
    <message>
        <source>%1h %2m</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1m %2s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::TextPromptDialog</name>
    <message>
        <source>Ctrl+Enter confirms, Esc cancels.</source>
        <translation>Strg+Eingabe bestätigt, Esc bricht ab.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::ThreadView</name>
    <message>
        <source>Ticket thread</source>
        <translation>Ticketverlauf</translation>
    </message>
    <message>
        <source>Showing the first %1 KB of %2 KB.</source>
        <translation>Die ersten %1 KB von %2 KB werden angezeigt.</translation>
    </message>
    <message>
        <source>Show the rest</source>
        <translation>Den Rest anzeigen</translation>
    </message>
    <message>
        <source>Select a ticket in the queue (j/k, then Enter to read it).</source>
        <translation>Wählen Sie ein Ticket in der Warteschlange (j/k, dann Eingabe zum Lesen).</translation>
    </message>
    <message>
        <source>Loading the conversation…</source>
        <translation>Gespräch wird geladen…</translation>
    </message>
    <message>
        <source>Not sent:</source>
        <translation>Nicht gesendet:</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>Wiederholen</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Bearbeiten</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>You: %1</source>
        <translation>Sie: %1</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Kunde</translation>
    </message>
    <message>
        <source>AI agent · sent to the customer</source>
        <translation>KI-Agent · an den Kunden gesendet</translation>
    </message>
    <message>
        <source>INTERNAL NOTE · private, never sent to the customer</source>
        <translation>INTERNE NOTIZ · privat, wird nie an den Kunden gesendet</translation>
    </message>
    <message>
        <source>Pending — in the outbox, not confirmed by the server yet</source>
        <translation>Ausstehend – im Postausgang, vom Server noch nicht bestätigt</translation>
    </message>
    <message>
        <source>This thread is not available offline.</source>
        <translation>Dieses Gespräch ist offline nicht verfügbar.</translation>
    </message>
    <message>
        <source>Only your working set is kept for reading offline: tickets assigned to you, unassigned open tickets and the ones you opened recently. This conversation was not fetched before the connection was lost, so what shows below is not the whole ticket.</source>
        <translation>Offline lesbar ist nur Ihr Arbeitsbestand: Ihnen zugewiesene Tickets, nicht zugewiesene offene Tickets und die, die Sie zuletzt geöffnet haben. Dieses Gespräch wurde nicht geladen, bevor die Verbindung abbrach; was unten steht, ist also nicht das ganze Ticket.</translation>
    </message>
    <message>
        <source>It loads by itself when the connection is back.</source>
        <translation>Es wird von selbst geladen, sobald die Verbindung wieder steht.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::TicketCommands</name>
    <message>
        <source>Ticket #%1 is not in the local copy.</source>
        <translation>Ticket #%1 ist nicht in der lokalen Kopie.</translation>
    </message>
    <message>
        <source>Not queued</source>
        <translation>Nicht vorgemerkt</translation>
    </message>
    <message>
        <source>Force close</source>
        <translation>Schließen erzwingen</translation>
    </message>
    <message>
        <source>Why force close #%1? This also ends an open handoff. The reason is kept in the audit trail.</source>
        <translation>Warum soll #%1 zwangsweise geschlossen werden? Dadurch endet auch eine offene Übergabe. Der Grund wird im Prüfprotokoll festgehalten.</translation>
    </message>
    <message>
        <source>This ticket has no linked handoff conversation.</source>
        <translation>Dieses Ticket hat kein verknüpftes Übergabegespräch.</translation>
    </message>
    <message>
        <source>This ticket is closed: reopen it (O) before replying, or the server refuses the reply.</source>
        <translation>Dieses Ticket ist geschlossen: Öffnen Sie es wieder (O), bevor Sie antworten, sonst lehnt der Server die Antwort ab.</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Über</translation>
    </message>
    <message>
        <source>Zeiko Handoff Console %1
Triage AI-managed support tickets and human handoffs.</source>
        <translation>Zeiko Übergabekonsole %1
KI-verwaltete Support-Tickets und Übergaben an Menschen bearbeiten.</translation>
    </message>
    <message>
        <source>That action can no longer be retried.</source>
        <translation>Diese Aktion kann nicht mehr wiederholt werden.</translation>
    </message>
    <message>
        <source>Edit and resend</source>
        <translation>Bearbeiten und erneut senden</translation>
    </message>
    <message>
        <source>Change the text, then send it again:</source>
        <translation>Ändern Sie den Text und senden Sie ihn erneut:</translation>
    </message>
    <message>
        <source>Send again</source>
        <translation>Erneut senden</translation>
    </message>
    <message>
        <source>That message can no longer be edited.</source>
        <translation>Diese Nachricht kann nicht mehr bearbeitet werden.</translation>
    </message>
    <message>
        <source>That action can no longer be discarded.</source>
        <translation>Diese Aktion kann nicht mehr verworfen werden.</translation>
    </message>
    <message>
        <source>That message could not be read for editing: %1</source>
        <translation>Die Nachricht konnte zum Bearbeiten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>Nothing to undo: no reply or note is waiting to be sent.</source>
        <translation>Nichts rückgängig zu machen: Keine Antwort und keine Notiz wartet auf das Senden.</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::TicketPane</name>
    <message>
        <source>Ticket</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <source>#%1  %2  ·  %3</source>
        <translation>#%1  %2  ·  %3</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>(kein Betreff)</translation>
    </message>
    <message>
        <source>No ticket selected</source>
        <translation>Kein Ticket ausgewählt</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::TicketToolbar</name>
    <message>
        <source>Reply</source>
        <translation>Antworten</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Notiz</translation>
    </message>
    <message>
        <source>Take over</source>
        <translation>Übernehmen</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <source>Force close…</source>
        <translation>Schließen erzwingen…</translation>
    </message>
    <message>
        <source>Resolve</source>
        <translation>Abschließen</translation>
    </message>
    <message>
        <source>Reopen</source>
        <translation>Wieder öffnen</translation>
    </message>
    <message>
        <source>Assign to me</source>
        <translation>Mir zuweisen</translation>
    </message>
    <message>
        <source>Assign…</source>
        <translation>Zuweisen…</translation>
    </message>
    <message>
        <source>Handoff</source>
        <translation>Übergabe</translation>
    </message>
    <message>
        <source>Ticket actions</source>
        <translation>Ticket-Aktionen</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <source>Set priority</source>
        <translation>Priorität setzen</translation>
    </message>
    <message>
        <source>Set priority (1–4)</source>
        <translation>Priorität setzen (1–4)</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Mehr</translation>
    </message>
    <message>
        <source>More ticket actions</source>
        <translation>Weitere Ticket-Aktionen</translation>
    </message>
    <message>
        <source>Every ticket action, also those that do not apply now</source>
        <translation>Alle Ticket-Aktionen, auch die, die gerade nicht möglich sind</translation>
    </message>
</context>
<context>
    <name>zeiko::ui::TrayIcon</name>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Zeiko Handoff Console</source>
        <translation>Zeiko Handoff Console</translation>
    </message>
    <message>
        <source>Unread: %1</source>
        <translation>Ungelesen: %1</translation>
    </message>
    <message>
        <source>SLA at risk: %1</source>
        <translation>SLA gefährdet: %1</translation>
    </message>
    <message>
        <source>of which breached: %1</source>
        <translation>davon verletzt: %1</translation>
    </message>
    <message>
        <source>&amp;Hide window</source>
        <translation>Fenster &amp;ausblenden</translation>
    </message>
    <message>
        <source>&amp;Show window</source>
        <translation>Fenster &amp;anzeigen</translation>
    </message>
</context>
</TS>
