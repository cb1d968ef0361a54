<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="it_IT">
<context>
    <name>Bottega</name>
    <message>
        <source>%1: &quot;%2&quot; is not a number (use digits and a dot, e.g. 12.50)</source>
        <translation>%1: &quot;%2&quot; non è un numero (usa cifre e un punto, es. 12.50)</translation>
    </message>
    <message>
        <source>%1: %2 is out of range (0 to %3)</source>
        <translation>%1: %2 è fuori intervallo (da 0 a %3)</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a whole number of 0 or more</source>
        <translation>%1: &quot;%2&quot; non è un numero intero maggiore o uguale a 0</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; must contain digits only</source>
        <translation>%1: &quot;%2&quot; deve contenere solo cifre</translation>
    </message>
    <message>
        <source>ean: &quot;%1&quot; must have 8 or 13 digits, not %2</source>
        <translation>ean: &quot;%1&quot; deve avere 8 o 13 cifre, non %2</translation>
    </message>
    <message>
        <source>upc: &quot;%1&quot; must have 12 digits, not %2</source>
        <translation>upc: &quot;%1&quot; deve avere 12 cifre, non %2</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; has a wrong check digit</source>
        <translation>%1: &quot;%2&quot; ha una cifra di controllo errata</translation>
    </message>
    <message>
        <source>isbn: &quot;%1&quot; must have 10 or 13 digits</source>
        <translation>isbn: &quot;%1&quot; deve avere 10 o 13 cifre</translation>
    </message>
    <message>
        <source>%1: must not be empty</source>
        <translation>%1: non deve essere vuoto</translation>
    </message>
    <message>
        <source>unknown field &quot;%1&quot; (fields: %2)</source>
        <translation>campo &quot;%1&quot; sconosciuto (campi: %2)</translation>
    </message>
</context>
<context>
    <name>Bottega::AddressCheck</name>
    <message>
        <source>first name</source>
        <translation>nome</translation>
    </message>
    <message>
        <source>last name</source>
        <translation>cognome</translation>
    </message>
    <message>
        <source>company</source>
        <translation>azienda</translation>
    </message>
    <message>
        <source>street (address line 1)</source>
        <translation>via (riga 1 dell&apos;indirizzo)</translation>
    </message>
    <message>
        <source>address line 2</source>
        <translation>riga 2 dell&apos;indirizzo</translation>
    </message>
    <message>
        <source>city</source>
        <translation>città</translation>
    </message>
    <message>
        <source>post code</source>
        <translation>CAP</translation>
    </message>
    <message>
        <source>state</source>
        <translation>provincia</translation>
    </message>
    <message>
        <source>country</source>
        <translation>paese</translation>
    </message>
    <message>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>telefono</translation>
    </message>
    <message>
        <source>%1 is required</source>
        <translation>%1: campo obbligatorio</translation>
    </message>
    <message>
        <source>%1 is longer than %2 characters</source>
        <translation>%1 supera i %2 caratteri</translation>
    </message>
    <message>
        <source>country &quot;%1&quot; is not a two-letter ISO code (IT, DE, ...)</source>
        <translation>il paese &quot;%1&quot; non è un codice ISO di due lettere (IT, DE, ...)</translation>
    </message>
    <message>
        <source>email &quot;%1&quot; is not an email address</source>
        <translation>l&apos;email &quot;%1&quot; non è un indirizzo email</translation>
    </message>
    <message>
        <source>shipping address</source>
        <translation>indirizzo di spedizione</translation>
    </message>
    <message>
        <source>billing address</source>
        <translation>indirizzo di fatturazione</translation>
    </message>
    <message>
        <source>post code &quot;%1&quot; does not fit the format used in %2 (for example %3)</source>
        <translation>il CAP &quot;%1&quot; non corrisponde al formato usato in %2 (ad esempio %3)</translation>
    </message>
</context>
<context>
    <name>Bottega::AddressForm</name>
    <message>
        <source>First name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Cognome</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Via</translation>
    </message>
    <message>
        <source>Street (line 2)</source>
        <translation>Via (riga 2)</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Città</translation>
    </message>
    <message>
        <source>Post code</source>
        <translation>CAP</translation>
    </message>
    <message>
        <source>State or province</source>
        <translation>Provincia o stato</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Telefono</translation>
    </message>
    <message numerus="yes">
        <source>up to %n character(s)</source>
        <translation>
            <numerusform>fino a %n carattere</numerusform>
            <numerusform>fino a %n caratteri</numerusform>
        </translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
</context>
<context>
    <name>Bottega::ApiLogPage</name>
    <message>
        <source>Body: empty</source>
        <translation>Corpo: vuoto</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>text</source>
        <translation>testo</translation>
    </message>
    <message>
        <source>Body: %1, %2, shown truncated</source>
        <translation>Corpo: %1, %2, mostrato troncato</translation>
    </message>
    <message>
        <source>Body: %1, %2</source>
        <translation>Corpo: %1, %2</translation>
    </message>
    <message>
        <source>Newest</source>
        <translation>Più recenti</translation>
    </message>
    <message>
        <source>Oldest</source>
        <translation>Meno recenti</translation>
    </message>
    <message>
        <source>Copy as curl</source>
        <translation>Copia come curl</translation>
    </message>
    <message>
        <source>API log</source>
        <translation>Registro API</translation>
    </message>
    <message>
        <source>Every call Bottega made or received, newest first. Secrets are hidden.</source>
        <translation>Ogni chiamata effettuata o ricevuta da Bottega, dalla più recente. I segreti sono nascosti.</translation>
    </message>
    <message>
        <source>Any service</source>
        <translation>Qualsiasi servizio</translation>
    </message>
    <message>
        <source>Webhooks received</source>
        <translation>Webhook ricevuti</translation>
    </message>
    <message>
        <source>Files served</source>
        <translation>File serviti</translation>
    </message>
    <message>
        <source>Other received</source>
        <translation>Altre chiamate ricevute</translation>
    </message>
    <message>
        <source>Made and received</source>
        <translation>Effettuate e ricevute</translation>
    </message>
    <message>
        <source>Made by Bottega</source>
        <translation>Effettuate da Bottega</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevute</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Qualsiasi stato</translation>
    </message>
    <message>
        <source>2xx success</source>
        <translation>2xx riuscite</translation>
    </message>
    <message>
        <source>4xx client error</source>
        <translation>Errore del client 4xx</translation>
    </message>
    <message>
        <source>5xx server error</source>
        <translation>5xx errore del server</translation>
    </message>
    <message>
        <source>Failed (no answer)</source>
        <translation>Non riuscite (nessuna risposta)</translation>
    </message>
    <message>
        <source>Any error (4xx, 5xx, no answer)</source>
        <translation>Qualsiasi errore (4xx, 5xx, nessuna risposta)</translation>
    </message>
    <message>
        <source>Endpoint contains…</source>
        <translation>L&apos;endpoint contiene…</translation>
    </message>
    <message>
        <source>Back to the newest calls</source>
        <translation>Torna alle chiamate più recenti</translation>
    </message>
    <message>
        <source>Jump to the oldest calls, at the end of the log</source>
        <translation>Vai alle chiamate più vecchie, alla fine del registro</translation>
    </message>
    <message>
        <source>Copies a curl command repeating this call; secrets stay hidden</source>
        <translation>Copia un comando curl che ripete questa chiamata; i segreti restano nascosti</translation>
    </message>
    <message>
        <source>No headers</source>
        <translation>Nessuna intestazione</translation>
    </message>
    <message>
        <source>Request</source>
        <translation>Richiesta</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Risposta</translation>
    </message>
    <message>
        <source>No database: the API log is unavailable.</source>
        <translation>Nessun database: il registro API non è disponibile.</translation>
    </message>
    <message>
        <source>No calls match these filters.</source>
        <translation>Nessuna chiamata corrisponde a questi filtri.</translation>
    </message>
    <message>
        <source>No calls have been logged yet.</source>
        <translation>Nessuna chiamata è stata ancora registrata.</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message numerus="yes">
        <source>%n attempts</source>
        <translation>
            <numerusform>%n tentativo</numerusform>
            <numerusform>%n tentativi</numerusform>
        </translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Errore: %1</translation>
    </message>
    <message>
        <source>Open order %1</source>
        <translation>Apri ordine %1</translation>
    </message>
    <message>
        <source>Open webhook %1</source>
        <translation>Apri webhook %1</translation>
    </message>
    <message>
        <source>Select a call to see its request and response.</source>
        <translation>Seleziona una chiamata per vederne richiesta e risposta.</translation>
    </message>
    <message>
        <source>Body</source>
        <translation>Corpo</translation>
    </message>
</context>
<context>
    <name>Bottega::ApiLogRepository</name>
    <message>
        <source>cannot write to the API log</source>
        <translation>impossibile scrivere nel registro API</translation>
    </message>
    <message>
        <source>cannot write to the API log: no id returned</source>
        <translation>impossibile scrivere nel registro API: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot read API log entry %1</source>
        <translation>impossibile leggere la voce %1 del registro API</translation>
    </message>
    <message>
        <source>no API log entry with id %1</source>
        <translation>nessuna voce del registro API con id %1</translation>
    </message>
    <message>
        <source>cannot read the API log</source>
        <translation>impossibile leggere il registro API</translation>
    </message>
    <message>
        <source>cannot count the API log</source>
        <translation>impossibile contare le voci del registro API</translation>
    </message>
    <message>
        <source>cannot clean up the API log</source>
        <translation>impossibile ripulire il registro API</translation>
    </message>
    <message>
        <source>cannot find the order of API log entry %1</source>
        <translation>impossibile trovare l&apos;ordine della voce %1 del registro API</translation>
    </message>
    <message>
        <source>cannot index the API log</source>
        <translation>impossibile indicizzare il registro API</translation>
    </message>
    <message>
        <source>cannot index the API log: no index state</source>
        <translation>impossibile indicizzare il registro API: nessuno stato dell&apos;indice</translation>
    </message>
    <message>
        <source>cannot search the API log</source>
        <translation>impossibile cercare nel registro API</translation>
    </message>
</context>
<context>
    <name>Bottega::ApiLogTableModel</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Data e ora</translation>
    </message>
    <message>
        <source>Direction</source>
        <translation>Direzione</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metodo</translation>
    </message>
    <message>
        <source>Endpoint</source>
        <translation>Endpoint</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Durata</translation>
    </message>
    <message>
        <source>Sent / received</source>
        <translation>Inviato / ricevuto</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
</context>
<context>
    <name>Bottega::ApiLogText</name>
    <message>
        <source>No answer</source>
        <translation>Nessuna risposta</translation>
    </message>
    <message>
        <source>200 OK</source>
        <translation>200 OK</translation>
    </message>
    <message>
        <source>201 Created</source>
        <translation>201 Creato</translation>
    </message>
    <message>
        <source>202 Accepted</source>
        <translation>202 Accettata</translation>
    </message>
    <message>
        <source>204 No Content</source>
        <translation>204 Nessun contenuto</translation>
    </message>
    <message>
        <source>301 Moved Permanently</source>
        <translation>301 Spostato in modo permanente</translation>
    </message>
    <message>
        <source>302 Found</source>
        <translation>302 Trovato</translation>
    </message>
    <message>
        <source>304 Not Modified</source>
        <translation>304 Non modificato</translation>
    </message>
    <message>
        <source>400 Bad Request</source>
        <translation>400 Richiesta non valida</translation>
    </message>
    <message>
        <source>401 Unauthorized</source>
        <translation>401 Non autorizzato</translation>
    </message>
    <message>
        <source>403 Forbidden</source>
        <translation>403 Accesso negato</translation>
    </message>
    <message>
        <source>404 Not Found</source>
        <translation>404 Non trovato</translation>
    </message>
    <message>
        <source>405 Method Not Allowed</source>
        <translation>405 Metodo non consentito</translation>
    </message>
    <message>
        <source>408 Request Timeout</source>
        <translation>408 Timeout della richiesta</translation>
    </message>
    <message>
        <source>409 Conflict</source>
        <translation>409 Conflitto</translation>
    </message>
    <message>
        <source>410 Gone</source>
        <translation>410 Non più disponibile</translation>
    </message>
    <message>
        <source>413 Payload Too Large</source>
        <translation>413 Payload troppo grande</translation>
    </message>
    <message>
        <source>415 Unsupported Media Type</source>
        <translation>415 Tipo di contenuto non supportato</translation>
    </message>
    <message>
        <source>422 Unprocessable Entity</source>
        <translation>422 Entità non elaborabile</translation>
    </message>
    <message>
        <source>429 Too Many Requests</source>
        <translation>429 Troppe richieste</translation>
    </message>
    <message>
        <source>500 Internal Server Error</source>
        <translation>500 Errore interno del server</translation>
    </message>
    <message>
        <source>501 Not Implemented</source>
        <translation>501 Non implementato</translation>
    </message>
    <message>
        <source>502 Bad Gateway</source>
        <translation>502 Gateway non valido</translation>
    </message>
    <message>
        <source>503 Service Unavailable</source>
        <translation>503 Servizio non disponibile</translation>
    </message>
    <message>
        <source>504 Gateway Timeout</source>
        <translation>504 Timeout del gateway</translation>
    </message>
    <message>
        <source>%1 Success</source>
        <translation>%1 Successo</translation>
    </message>
    <message>
        <source>%1 Redirect</source>
        <translation>%1 Reindirizzamento</translation>
    </message>
    <message>
        <source>%1 Client error</source>
        <translation>%1 Errore del client</translation>
    </message>
    <message>
        <source>%1 Server error</source>
        <translation>%1 Errore del server</translation>
    </message>
    <message>
        <source>Inbound</source>
        <translation>In entrata</translation>
    </message>
    <message>
        <source>Outbound</source>
        <translation>In uscita</translation>
    </message>
    <message numerus="yes">
        <source>%n bytes</source>
        <translation>
            <numerusform>%n byte</numerusform>
            <numerusform>%n byte</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 byte</translation>
    </message>
    <message>
        <source>[shown %1 of %2]</source>
        <translation>[mostrati %1 di %2]</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchGeneration</name>
    <message>
        <source>batch %1 has no failed items to send again</source>
        <translation>il lotto %1 non ha articoli non riusciti da reinviare</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>batch %1: nothing can be sent again (%2)</source>
        <translation>lotto %1: nulla può essere reinviato (%2)</translation>
    </message>
    <message>
        <source>the variants are gone</source>
        <translation>le varianti non esistono più</translation>
    </message>
    <message>
        <source>batch %1 could not be sent again: %2</source>
        <translation>impossibile reinviare il lotto %1: %2</translation>
    </message>
    <message>
        <source>not submitted: %1</source>
        <translation>non inviato: %1</translation>
    </message>
    <message>
        <source>Poleepo is switched off (setting poleepo.enabled): nothing was sent. Turn it on in Settings or with `bottega config set poleepo.enabled true`.</source>
        <translation>Poleepo è disattivato (impostazione poleepo.enabled): non è stato inviato nulla. Attivalo in Impostazioni o con `bottega config set poleepo.enabled true`.</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchItemTableModel</name>
    <message>
        <source>Waiting</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Completato</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Entry</source>
        <translation>Voce</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Esito</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Codice</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>Poleepo product</source>
        <translation>Prodotto Poleepo</translation>
    </message>
    <message>
        <source>Sent again in</source>
        <translation>Reinviato in</translation>
    </message>
    <message>
        <source>Product (parent)</source>
        <translation>Prodotto (padre)</translation>
    </message>
    <message>
        <source>Variant</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Batch %1</source>
        <translation>Lotto %1</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchPayload</name>
    <message>
        <source>no SKU</source>
        <translation>nessuno SKU</translation>
    </message>
    <message>
        <source>no price</source>
        <translation>nessun prezzo</translation>
    </message>
    <message>
        <source>no VAT rate</source>
        <translation>nessuna aliquota IVA</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchPolling</name>
    <message>
        <source>batch %1: %2</source>
        <translation>lotto %1: %2</translation>
    </message>
    <message>
        <source>Poleepo answered for SKUs not in the batch: %1</source>
        <translation>Poleepo ha risposto per SKU non presenti nel lotto: %1</translation>
    </message>
    <message>
        <source>Poleepo gave no result for: %1</source>
        <translation>Poleepo non ha dato alcun esito per: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchTableModel</name>
    <message>
        <source>Not submitted</source>
        <translation>Non inviato</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In elaborazione</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completato</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riuscito</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>Processed</source>
        <translation>Elaborati</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errori</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creato</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Inviato</translation>
    </message>
    <message>
        <source>Last polled</source>
        <translation>Ultimo controllo</translation>
    </message>
    <message>
        <source>Poleepo batch</source>
        <translation>Lotto Poleepo</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Errore</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
</context>
<context>
    <name>Bottega::BatchesPage</name>
    <message>
        <source>With errors only</source>
        <translation>Solo con errori</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Resubmit failed items</source>
        <translation>Reinvia gli articoli non riusciti</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Lotti</translation>
    </message>
    <message>
        <source>Product batches sent to Poleepo, each product&apos;s outcome, and the failed ones sent again.</source>
        <translation>Lotti di prodotti inviati a Poleepo, l&apos;esito di ogni prodotto, e quelli non riusciti reinviati.</translation>
    </message>
    <message>
        <source>The batches are unavailable: no database.</source>
        <translation>I lotti non sono disponibili: nessun database.</translation>
    </message>
    <message>
        <source>Select a batch to see its products.</source>
        <translation>Seleziona un lotto per vederne i prodotti.</translation>
    </message>
    <message>
        <source>Select a batch first.</source>
        <translation>Seleziona prima un lotto.</translation>
    </message>
    <message numerus="yes">
        <source>Batch %1: %n product entry(ies), %2 with errors</source>
        <translation>
            <numerusform>Lotto %1: %n voce di prodotto, %2 con errori</numerusform>
            <numerusform>Lotto %1: %n voci di prodotto, %2 con errori</numerusform>
        </translation>
    </message>
    <message>
        <source>Batch %1 has no failed items to send again.</source>
        <translation>Il lotto %1 non ha articoli non riusciti da reinviare.</translation>
    </message>
    <message>
        <source>Sending to Poleepo is not available here.</source>
        <translation>L&apos;invio a Poleepo non è disponibile qui.</translation>
    </message>
    <message>
        <source>A resubmission is on its way.</source>
        <translation>Un reinvio è in corso.</translation>
    </message>
    <message>
        <source>Sends the failed items of this batch again, in a new batch</source>
        <translation>Reinvia gli articoli non riusciti di questo lotto, in un nuovo lotto</translation>
    </message>
    <message numerus="yes">
        <source>%n batch(es) with failed items not sent again.</source>
        <translation>
            <numerusform>%n lotto con articoli non riusciti non ancora reinviati.</numerusform>
            <numerusform>%n lotti con articoli non riusciti non ancora reinviati.</numerusform>
        </translation>
    </message>
    <message>
        <source>No batch has failed items.</source>
        <translation>Nessun lotto ha articoli non riusciti.</translation>
    </message>
    <message>
        <source>Sending the failed items of batch %1 again…</source>
        <translation>Reinvio degli articoli non riusciti del lotto %1…</translation>
    </message>
    <message>
        <source>The failed items of batch %1 were sent again in batch %2.</source>
        <translation>Gli articoli non riusciti del lotto %1 sono stati reinviati nel lotto %2.</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Qualsiasi stato</translation>
    </message>
</context>
<context>
    <name>Bottega::CatalogBrowserDialog</name>
    <message>
        <source>Gelato catalog</source>
        <translation>Catalogo Gelato</translation>
    </message>
    <message>
        <source>Filter attributes and values…</source>
        <translation>Filtra attributi e valori…</translation>
    </message>
    <message>
        <source>Attribute / value</source>
        <translation>Attributo / valore</translation>
    </message>
    <message>
        <source>Gelato UID</source>
        <translation>UID Gelato</translation>
    </message>
    <message>
        <source>Catalogs</source>
        <translation>Cataloghi</translation>
    </message>
    <message>
        <source>Gelato is not set up: enter its API key on the Settings page.</source>
        <translation>Gelato non è configurato: inserisci la sua chiave API nella pagina Impostazioni.</translation>
    </message>
    <message>
        <source>Check values to search only for products that have them.</source>
        <translation>Spunta i valori per cercare solo i prodotti che li hanno.</translation>
    </message>
    <message>
        <source>Search products</source>
        <translation>Cerca prodotti</translation>
    </message>
    <message>
        <source>ISO country code for prices and shipment methods</source>
        <translation>Codice ISO del paese per prezzi e metodi di spedizione</translation>
    </message>
    <message>
        <source>ISO currency code for prices; empty for Gelato&apos;s default</source>
        <translation>Codice ISO della valuta per i prezzi; vuoto per quella predefinita di Gelato</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Paese</translation>
    </message>
    <message>
        <source>Currency</source>
        <translation>Valuta</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantità</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prezzo</translation>
    </message>
    <message>
        <source>Product UID</source>
        <translation>Product UID</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Regione</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Replenishment</source>
        <translation>Rifornimento</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Metodo</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Tracciamento</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Per</translation>
    </message>
    <message>
        <source>Prices</source>
        <translation>Prezzi</translation>
    </message>
    <message>
        <source>Stock</source>
        <translation>Disponibilità</translation>
    </message>
    <message>
        <source>Shipment methods</source>
        <translation>Metodi di spedizione</translation>
    </message>
    <message>
        <source>No product of this catalog has the checked attribute values.</source>
        <translation>Nessun prodotto di questo catalogo ha i valori di attributo spuntati.</translation>
    </message>
    <message>
        <source>business</source>
        <translation>aziende</translation>
    </message>
    <message>
        <source>private</source>
        <translation>privati</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
</context>
<context>
    <name>Bottega::CatalogProductModel</name>
    <message>
        <source>Product UID</source>
        <translation>Product UID</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>Attributi</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Paesi</translation>
    </message>
</context>
<context>
    <name>Bottega::ChartCard</name>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1, %2: %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::CommandLine</name>
    <message>
        <source>serve: address to listen on.</source>
        <translation>serve: indirizzo su cui restare in ascolto.</translation>
    </message>
    <message>
        <source>job set: interval in seconds.</source>
        <translation>job set: intervallo in secondi.</translation>
    </message>
    <message>
        <source>job set: enable or disable.</source>
        <translation>job set: abilita o disabilita.</translation>
    </message>
    <message>
        <source>Show this help.</source>
        <translation>Mostra questo aiuto.</translation>
    </message>
    <message>
        <source>Show the version.</source>
        <translation>Mostra la versione.</translation>
    </message>
    <message>
        <source>Where the database, settings and files live.</source>
        <translation>Dove si trovano il database, le impostazioni e i file.</translation>
    </message>
    <message>
        <source>A SQLite file or postgresql://user:pass@host:port/dbname.</source>
        <translation>Un file SQLite oppure postgresql://user:pass@host:port/dbname.</translation>
    </message>
    <message>
        <source>Use the built-in offline Gelato and Poleepo.</source>
        <translation>Usa le versioni offline integrate di Gelato e Poleepo.</translation>
    </message>
    <message>
        <source>Interface language: it or en.</source>
        <translation>Lingua dell&apos;interfaccia: it o en.</translation>
    </message>
    <message>
        <source>Print JSON instead of text.</source>
        <translation>Stampa JSON invece di testo.</translation>
    </message>
    <message>
        <source>The command; none opens the window.</source>
        <translation>Il comando; senza comando si apre la finestra.</translation>
    </message>
    <message>
        <source>--lang must be &quot;it&quot; or &quot;en&quot;, not &quot;%1&quot;</source>
        <translation>--lang deve essere &quot;it&quot; o &quot;en&quot;, non &quot;%1&quot;</translation>
    </message>
    <message>
        <source>unknown command &quot;%1&quot;</source>
        <translation>comando &quot;%1&quot; sconosciuto</translation>
    </message>
    <message>
        <source>option --%1 needs a command</source>
        <translation>l&apos;opzione --%1 richiede un comando</translation>
    </message>
    <message>
        <source>the command &quot;%1&quot; does not take --%2</source>
        <translation>il comando &quot;%1&quot; non accetta --%2</translation>
    </message>
    <message>
        <source>--sandbox: the sandbox is not available yet in this version</source>
        <translation>--sandbox: la sandbox non è ancora disponibile in questa versione</translation>
    </message>
    <message>
        <source>webhook list: only this state.</source>
        <translation>webhook list: solo questo stato.</translation>
    </message>
    <message>
        <source>webhook list: gelato or poleepo.</source>
        <translation>webhook list: gelato o poleepo.</translation>
    </message>
    <message>
        <source>webhook list: at most N rows.</source>
        <translation>webhook list: al massimo N righe.</translation>
    </message>
    <message>
        <source>webhook retry: every failed one.</source>
        <translation>webhook retry: tutti quelli non riusciti.</translation>
    </message>
    <message>
        <source>webhook add-record: comma-separated.</source>
        <translation>webhook add-record: separati da virgole.</translation>
    </message>
    <message>
        <source>product set, set-print-image: the variant.</source>
        <translation>product set, set-print-image: la variante.</translation>
    </message>
    <message>
        <source>product sync-template: the product to re-sync.</source>
        <translation>product sync-template: il prodotto da risincronizzare.</translation>
    </message>
    <message>
        <source>product import-csv: only show the changes.</source>
        <translation>product import-csv: mostra solo le modifiche.</translation>
    </message>
    <message>
        <source>order list: only this state.</source>
        <translation>order list: solo questo stato.</translation>
    </message>
    <message>
        <source>order confirm: the shipping to use.</source>
        <translation>order confirm: la spedizione da usare.</translation>
    </message>
    <message>
        <source>order confirm: send as a Gelato draft.</source>
        <translation>order confirm: invia come bozza Gelato.</translation>
    </message>
    <message>
        <source>log list: gelato, poleepo, webhook, files or server.</source>
        <translation>log list: gelato, poleepo, webhook, files o server.</translation>
    </message>
    <message>
        <source>log list: 2xx, 4xx, 5xx or failed.</source>
        <translation>log list: 2xx, 4xx, 5xx o failed.</translation>
    </message>
    <message>
        <source>log list: calls since TIME (ISO date or time, or 30m, 24h, 7d ago).</source>
        <translation>log list: chiamate a partire da TIME (data o ora ISO, oppure 30m, 24h, 7d fa).</translation>
    </message>
    <message>
        <source>order ship: Poleepo&apos;s carrier (id or name).</source>
        <translation>order ship: il corriere di Poleepo (id o nome).</translation>
    </message>
    <message>
        <source>order ship: Poleepo&apos;s pickup address (id or name).</source>
        <translation>order ship: l&apos;indirizzo di ritiro di Poleepo (id o nome).</translation>
    </message>
    <message>
        <source>order ship: a package type (name or id); once per package, or comma-separated.</source>
        <translation>order ship: un tipo di pacco (nome o id); uno per pacco, oppure separati da virgola.</translation>
    </message>
    <message>
        <source>Usage: bottega [--data-dir DIR] [--db URL] [--lang it|en] [--sandbox] [--json] [COMMAND ...]

Without a command, opens the window.

Commands:
  serve [--listen HOST:PORT]          webhook and file server plus scheduler, until SIGTERM
  config get KEY | set KEY VALUE | list
                                      non-secret settings
  secret set NAME                     reads the value from standard input
  secret status                       which secrets are set (never their values)
  job list | run NAME | set NAME --interval SECONDS | --enabled true|false
                                      the scheduler
  webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed
  webhook process | cleanup | add-record NAME --events E,... | records
                                      the webhook queue and Poleepo webhook records
  test-connection gelato|poleepo      checks the credentials against the service
  batch generate | poll | list | show ID | resubmit ID
                                      Poleepo product batches
  package-type list | import          package types for Poleepo shipping (import: Poleepo&apos;s)
  product list | show ID              products, variants, print-image completeness
  product sync-template TEMPLATE_ID [--product ID]
                                      creates or re-syncs a product from a Gelato template
  product set ID FIELD VALUE [--variant VID]
  product set-print-image ID PLACEMENT URL_OR_FILE [--variant VID]
  product import-csv FILE [--dry-run] | export-csv FILE
                                      bulk mapping of Product UID and Design File URL
  order list [--status S] | show ID   sales orders with Gelato state, timeline, tracking
  order create FILE.json | import-csv FILE [--dry-run]
                                      a local order from JSON, or many from CSV
  order quote ID                      Gelato shipping rates for the order
  order confirm ID [--shipping standard|express|UID] [--draft]
                                      sends the order to Gelato (exactly once)
  order cancel ID | refresh ID        cancel on Gelato; refresh from Gelato
  order delivered-to-shop ID          every product of the order is at the shop
  order ship ID --carrier C --pickup P --package-type T
                                      ships with Poleepo and stores the label
  order handed-over ID                tells Poleepo the parcel went to the carrier
  log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N]
                                      the API log, newest first (100 calls unless --limit)
  log cleanup                         removes calls older than log.retention-days

Global options:
  --data-dir DIR      where the database, settings and files live (BOTTEGA_DATA_DIR)
  --db URL            a SQLite file or postgresql://user:pass@host:port/db (BOTTEGA_DB)
  --lang it|en        interface language
  --sandbox           built-in offline Gelato and Poleepo
  --json              JSON output
  --version, --help
</source>
        <translation>Uso: bottega [--data-dir DIR] [--db URL] [--lang it|en] [--sandbox] [--json] [COMMAND ...]

Senza un comando, apre la finestra.

Comandi:
  serve [--listen HOST:PORT]          server webhook e file più pianificazione, fino a SIGTERM
  config get KEY | set KEY VALUE | list
                                      impostazioni non segrete
  secret set NAME                     legge il valore dallo standard input
  secret status                       quali segreti sono impostati (mai i loro valori)
  job list | run NAME | set NAME --interval SECONDS | --enabled true|false
                                      la pianificazione
  webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed
  webhook process | cleanup | add-record NAME --events E,... | records
                                      la coda webhook e le registrazioni webhook Poleepo
  test-connection gelato|poleepo      verifica le credenziali con il servizio
  batch generate | poll | list | show ID | resubmit ID
                                      lotti di prodotti Poleepo
  package-type list | import          tipi di pacco per la spedizione Poleepo (import: quelli di Poleepo)
  product list | show ID              prodotti, varianti, completezza delle immagini di stampa
  product sync-template TEMPLATE_ID [--product ID]
                                      crea o risincronizza un prodotto da un template Gelato
  product set ID FIELD VALUE [--variant VID]
  product set-print-image ID PLACEMENT URL_OR_FILE [--variant VID]
  product import-csv FILE [--dry-run] | export-csv FILE
                                      associazione in blocco di Product UID e Design File URL
  order list [--status S] | show ID   ordini di vendita con stato Gelato, cronologia, tracciamento
  order create FILE.json | import-csv FILE [--dry-run]
                                      un ordine locale da JSON, o molti da CSV
  order quote ID                      tariffe di spedizione Gelato per l&apos;ordine
  order confirm ID [--shipping standard|express|UID] [--draft]
                                      invia l&apos;ordine a Gelato (esattamente una volta)
  order cancel ID | refresh ID        annulla su Gelato; aggiorna da Gelato
  order delivered-to-shop ID          tutti i prodotti dell&apos;ordine sono in negozio
  order ship ID --carrier C --pickup P --package-type T
                                      spedisce con Poleepo e salva l&apos;etichetta
  order handed-over ID                comunica a Poleepo che il pacco è passato al corriere
  log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N]
                                      il registro API, dal più recente (100 chiamate salvo --limit)
  log cleanup                         rimuove le chiamate più vecchie di log.retention-days

Opzioni globali:
  --data-dir DIR      dove si trovano database, impostazioni e file (BOTTEGA_DATA_DIR)
  --db URL            un file SQLite o postgresql://user:pass@host:port/db (BOTTEGA_DB)
  --lang it|en        lingua dell&apos;interfaccia
  --sandbox           Gelato e Poleepo offline integrati
  --json              output JSON
  --version, --help
</translation>
    </message>
</context>
<context>
    <name>Bottega::Commands</name>
    <message>
        <source>KEY</source>
        <translation>CHIAVE</translation>
    </message>
    <message>
        <source>VALUE</source>
        <translation>VALORE</translation>
    </message>
    <message>
        <source>DESCRIPTION</source>
        <translation>DESCRIZIONE</translation>
    </message>
    <message>
        <source>usage: bottega config get KEY | config set KEY VALUE | config list</source>
        <translation>uso: bottega config get KEY | config set KEY VALUE | config list</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>manual</source>
        <translation>manuale</translation>
    </message>
    <message>
        <source>JOB</source>
        <translation>ATTIVITÀ</translation>
    </message>
    <message>
        <source>ENABLED</source>
        <translation>ABILITATA</translation>
    </message>
    <message>
        <source>INTERVAL</source>
        <translation>INTERVALLO</translation>
    </message>
    <message>
        <source>LAST RUN</source>
        <translation>ULTIMA ESECUZIONE</translation>
    </message>
    <message>
        <source>NEXT RUN</source>
        <translation>PROSSIMA ESECUZIONE</translation>
    </message>
    <message>
        <source>LAST RESULT</source>
        <translation>ULTIMO ESITO</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>non riuscita: %1</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>sì</translation>
    </message>
    <message>
        <source>no</source>
        <translation>no</translation>
    </message>
    <message>
        <source>job set needs --interval SECONDS or --enabled true|false</source>
        <translation>job set richiede --interval SECONDS oppure --enabled true|false</translation>
    </message>
    <message>
        <source>--interval: &quot;%1&quot; is not a number of seconds</source>
        <translation>--interval: &quot;%1&quot; non è un numero di secondi</translation>
    </message>
    <message>
        <source>--enabled: &quot;%1&quot; is not true or false</source>
        <translation>--enabled: &quot;%1&quot; non è true o false</translation>
    </message>
    <message>
        <source>%1: %2, every %3</source>
        <translation>%1: %2, ogni %3</translation>
    </message>
    <message>
        <source>enabled</source>
        <translation>abilitata</translation>
    </message>
    <message>
        <source>disabled</source>
        <translation>disabilitata</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>done</source>
        <translation>completata</translation>
    </message>
    <message>
        <source>usage: bottega job list | job run NAME | job set NAME --interval SECONDS | --enabled true|false</source>
        <translation>uso: bottega job list | job run NAME | job set NAME --interval SECONDS | --enabled true|false</translation>
    </message>
    <message>
        <source>enter the value of %1 (not shown), then press Enter:</source>
        <translation>inserisci il valore di %1 (non viene mostrato), poi premi Invio:</translation>
    </message>
    <message>
        <source>secret values are read from standard input, never from the command line: echo -n VALUE | bottega secret set %1</source>
        <translation>i valori segreti vengono letti dallo standard input, mai dalla riga di comando: echo -n VALUE | bottega secret set %1</translation>
    </message>
    <message>
        <source>no value for %1 on standard input</source>
        <translation>nessun valore per %1 sullo standard input</translation>
    </message>
    <message>
        <source>cannot store %1: %2</source>
        <translation>impossibile salvare %1: %2</translation>
    </message>
    <message>
        <source>%1 stored</source>
        <translation>%1 salvato</translation>
    </message>
    <message>
        <source>usage: bottega secret set NAME (value on standard input) | secret status</source>
        <translation>uso: bottega secret set NAME (valore sullo standard input) | secret status</translation>
    </message>
    <message>
        <source>usage: bottega serve [--listen HOST:PORT]</source>
        <translation>uso: bottega serve [--listen HOST:PORT]</translation>
    </message>
    <message>
        <source>Listening on http://%1</source>
        <translation>In ascolto su http://%1</translation>
    </message>
    <message>
        <source>Stopping: waiting for running jobs</source>
        <translation>Arresto in corso: attesa delle attività in esecuzione</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Arrestato</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an id</source>
        <translation>%1: &quot;%2&quot; non è un id</translation>
    </message>
    <message>
        <source>Product %1: %2</source>
        <translation>Prodotto %1: %2</translation>
    </message>
    <message>
        <source>Template: %1</source>
        <translation>Template: %1</translation>
    </message>
    <message>
        <source>Price: %1  Quantity: %2  Published: %3  Needs update: %4</source>
        <translation>Prezzo: %1  Quantità: %2  Pubblicato: %3  Da aggiornare: %4</translation>
    </message>
    <message>
        <source>Placements: %1</source>
        <translation>Posizioni di stampa: %1</translation>
    </message>
    <message>
        <source>VARIANT</source>
        <translation>VARIANTE</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>OPTIONS</source>
        <translation>OPZIONI</translation>
    </message>
    <message>
        <source>PRODUCT UID</source>
        <translation>PRODUCT UID</translation>
    </message>
    <message>
        <source>PRINT IMAGES</source>
        <translation>IMMAGINI DI STAMPA</translation>
    </message>
    <message>
        <source>complete</source>
        <translation>complete</translation>
    </message>
    <message>
        <source>missing: %1</source>
        <translation>mancanti: %1</translation>
    </message>
    <message>
        <source>Print image %1 (%2): %3</source>
        <translation>Immagine di stampa %1 (%2): %3</translation>
    </message>
    <message>
        <source>variant %1</source>
        <translation>variante %1</translation>
    </message>
    <message>
        <source>default</source>
        <translation>predefinita</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>NAME</source>
        <translation>NOME</translation>
    </message>
    <message>
        <source>TEMPLATE</source>
        <translation>TEMPLATE</translation>
    </message>
    <message>
        <source>VARIANTS</source>
        <translation>VARIANTI</translation>
    </message>
    <message>
        <source>PUBLISHED</source>
        <translation>PUBBLICATO</translation>
    </message>
    <message>
        <source>NEEDS UPDATE</source>
        <translation>DA AGGIORNARE</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>mancanti</translation>
    </message>
    <message>
        <source>product %1, variant %2: %3 = %4</source>
        <translation>prodotto %1, variante %2: %3 = %4</translation>
    </message>
    <message>
        <source>product %1: %2 = %3</source>
        <translation>prodotto %1: %2 = %3</translation>
    </message>
    <message>
        <source>product %1: print image &quot;%2&quot; (%3) set from %4</source>
        <translation>prodotto %1: immagine di stampa &quot;%2&quot; (%3) impostata da %4</translation>
    </message>
    <message>
        <source>Print images complete.</source>
        <translation>Immagini di stampa complete.</translation>
    </message>
    <message>
        <source>Print images still missing.</source>
        <translation>Immagini di stampa ancora mancanti.</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>riga %1: %2</translation>
    </message>
    <message>
        <source>row %1: variant %2 (%3): %4 &quot;%5&quot; -&gt; &quot;%6&quot;</source>
        <translation>riga %1: variante %2 (%3): %4 &quot;%5&quot; -&gt; &quot;%6&quot;</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) would be made (dry run: nothing written).</source>
        <translation>
            <numerusform>%n modifica verrebbe applicata (prova: non è stato scritto nulla).</numerusform>
            <numerusform>%n modifiche verrebbero applicate (prova: non è stato scritto nulla).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) applied.</source>
        <translation>
            <numerusform>%n modifica applicata.</numerusform>
            <numerusform>%n modifiche applicate.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1: %n row(s) with errors, nothing changed</source>
        <translation>
            <numerusform>%1: %n riga con errori, nessuna modifica</numerusform>
            <numerusform>%1: %n righe con errori, nessuna modifica</numerusform>
        </translation>
    </message>
    <message>
        <source>Products exported to %1</source>
        <translation>Prodotti esportati in %1</translation>
    </message>
    <message>
        <source>usage: bottega product list | show ID | set ID FIELD VALUE [--variant VID] | set-print-image ID PLACEMENT URL_OR_FILE [--variant VID] | import-csv FILE [--dry-run] | export-csv FILE | sync-template TEMPLATE_ID [--product ID]</source>
        <translation>uso: bottega product list | show ID | set ID FIELD VALUE [--variant VID] | set-print-image ID PLACEMENT URL_OR_FILE [--variant VID] | import-csv FILE [--dry-run] | export-csv FILE | sync-template TEMPLATE_ID [--product ID]</translation>
    </message>
    <message>
        <source>usage: bottega product sync-template TEMPLATE_ID [--product ID]</source>
        <translation>uso: bottega product sync-template TEMPLATE_ID [--product ID]</translation>
    </message>
    <message>
        <source>--product: &quot;%1&quot; is not a product id</source>
        <translation>--product: &quot;%1&quot; non è un id di prodotto</translation>
    </message>
    <message>
        <source>Synchronized: %1 variants created, %2 updated, %3 removed, %4 archived, %5 values removed</source>
        <translation>Sincronizzato: %1 varianti create, %2 aggiornate, %3 rimosse, %4 archiviate, %5 valori rimossi</translation>
    </message>
    <message>
        <source>Already up to date: nothing changed</source>
        <translation>Già aggiornato: nessuna modifica</translation>
    </message>
    <message>
        <source>usage: bottega test-connection gelato|poleepo</source>
        <translation>uso: bottega test-connection gelato|poleepo</translation>
    </message>
    <message>
        <source>Gelato: connection ok, the API key is accepted</source>
        <translation>Gelato: connessione riuscita, la chiave API è accettata</translation>
    </message>
    <message>
        <source>usage: bottega webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed | process | cleanup | add-record NAME --events STATUS_ORDER,STATUS_SHIPMENT | records</source>
        <translation>uso: bottega webhook list [--state S] [--source S] [--limit N] | show ID | retry ID...|--failed | process | cleanup | add-record NAME --events STATUS_ORDER,STATUS_SHIPMENT | records</translation>
    </message>
    <message>
        <source>--state: &quot;%1&quot; is not Pending, Processing, Done, Failed or Ignored</source>
        <translation>--state: &quot;%1&quot; non è Pending, Processing, Done, Failed o Ignored</translation>
    </message>
    <message>
        <source>--limit: &quot;%1&quot; is not a positive number</source>
        <translation>--limit: &quot;%1&quot; non è un numero positivo</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>ORIGINE</translation>
    </message>
    <message>
        <source>EVENT</source>
        <translation>EVENTO</translation>
    </message>
    <message>
        <source>EVENT ID</source>
        <translation>ID EVENTO</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>STATO</translation>
    </message>
    <message>
        <source>ATTEMPTS</source>
        <translation>TENTATIVI</translation>
    </message>
    <message>
        <source>RECEIVED</source>
        <translation>RICEVUTO</translation>
    </message>
    <message>
        <source>NOTE</source>
        <translation>NOTA</translation>
    </message>
    <message>
        <source>webhook show: &quot;%1&quot; is not a webhook id</source>
        <translation>webhook show: &quot;%1&quot; non è un id di webhook</translation>
    </message>
    <message>
        <source>FIELD</source>
        <translation>CAMPO</translation>
    </message>
    <message>
        <source>id</source>
        <translation>id</translation>
    </message>
    <message>
        <source>source</source>
        <translation>origine</translation>
    </message>
    <message>
        <source>event</source>
        <translation>evento</translation>
    </message>
    <message>
        <source>event id</source>
        <translation>id evento</translation>
    </message>
    <message>
        <source>state</source>
        <translation>stato</translation>
    </message>
    <message>
        <source>attempts</source>
        <translation>tentativi</translation>
    </message>
    <message>
        <source>received</source>
        <translation>ricevuto</translation>
    </message>
    <message>
        <source>processed</source>
        <translation>elaborato</translation>
    </message>
    <message>
        <source>last error</source>
        <translation>ultimo errore</translation>
    </message>
    <message>
        <source>note</source>
        <translation>nota</translation>
    </message>
    <message>
        <source>webhook retry: &quot;%1&quot; is not a webhook id</source>
        <translation>webhook retry: &quot;%1&quot; non è un id di webhook</translation>
    </message>
    <message numerus="yes">
        <source>%n webhooks back in the queue</source>
        <translation>
            <numerusform>%n webhook rimesso in coda</numerusform>
            <numerusform>%n webhook rimessi in coda</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 done, %2 ignored, %3 to retry, %4 failed</source>
        <translation>%1 completati, %2 ignorati, %3 da ritentare, %4 non riusciti</translation>
    </message>
    <message numerus="yes">
        <source>%n processed webhooks older than %1 days removed</source>
        <translation>
            <numerusform>%n webhook elaborato più vecchio di %1 giorni rimosso</numerusform>
            <numerusform>%n webhook elaborati più vecchi di %1 giorni rimossi</numerusform>
        </translation>
    </message>
    <message>
        <source>webhook add-record: &quot;%1&quot; is not a valid name (letters, digits, &apos;-&apos; or &apos;_&apos;, no spaces)</source>
        <translation>webhook add-record: &quot;%1&quot; non è un nome valido (lettere, cifre, &apos;-&apos; o &apos;_&apos;, senza spazi)</translation>
    </message>
    <message>
        <source>webhook add-record needs --events STATUS_ORDER,STATUS_SHIPMENT</source>
        <translation>webhook add-record richiede --events STATUS_ORDER,STATUS_SHIPMENT</translation>
    </message>
    <message>
        <source>--events: &quot;%1&quot; is not STATUS_ORDER or STATUS_SHIPMENT</source>
        <translation>--events: &quot;%1&quot; non è STATUS_ORDER o STATUS_SHIPMENT</translation>
    </message>
    <message>
        <source>%1: %2 (secret: %3)</source>
        <translation>%1: %2 (segreto: %3)</translation>
    </message>
    <message>
        <source>EVENTS</source>
        <translation>EVENTI</translation>
    </message>
    <message>
        <source>ACTIVE</source>
        <translation>ATTIVO</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not an order id</source>
        <translation>%1: &quot;%2&quot; non è un id di ordine</translation>
    </message>
    <message>
        <source>--status: unknown state &quot;%1&quot; (one of: %2)</source>
        <translation>--status: stato sconosciuto &quot;%1&quot; (uno tra: %2)</translation>
    </message>
    <message>
        <source>order create: cannot read %1: %2</source>
        <translation>order create: impossibile leggere %1: %2</translation>
    </message>
    <message>
        <source>order create: %1: %2</source>
        <translation>order create: %1: %2</translation>
    </message>
    <message>
        <source>Order %1 created: %2</source>
        <translation>Ordine %1 creato: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) would be created: %1</source>
        <translation>
            <numerusform>%n ordine verrebbe creato: %1</numerusform>
            <numerusform>%n ordini verrebbero creati: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) created: %1</source>
        <translation>
            <numerusform>%n ordine creato: %1</numerusform>
            <numerusform>%n ordini creati: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>nothing imported: %n row error(s)</source>
        <translation>
            <numerusform>nulla importato: %n errore di riga</numerusform>
            <numerusform>nulla importato: %n errori di riga</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent to Gelato as a draft</source>
        <translation>Inviato a Gelato come bozza</translation>
    </message>
    <message>
        <source>Sent to Gelato</source>
        <translation>Inviato a Gelato</translation>
    </message>
    <message>
        <source>Cancelled at Gelato</source>
        <translation>Annullato su Gelato</translation>
    </message>
    <message>
        <source>Refreshed from Gelato</source>
        <translation>Aggiornato da Gelato</translation>
    </message>
    <message>
        <source>%1: connection ok</source>
        <translation>%1: connessione riuscita</translation>
    </message>
    <message>
        <source>STATUS</source>
        <translation>STATO</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTALE</translation>
    </message>
    <message>
        <source>PROCESSED</source>
        <translation>ELABORATI</translation>
    </message>
    <message>
        <source>SUBMITTED</source>
        <translation>INVIATO</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>ERRORE</translation>
    </message>
    <message>
        <source>batch show: &quot;%1&quot; is not a batch id</source>
        <translation>batch show: &quot;%1&quot; non è un id di lotto</translation>
    </message>
    <message>
        <source>Batch %1 (%2): %3, %4 of %5 processed, submitted %6</source>
        <translation>Lotto %1 (%2): %3, %4 di %5 elaborati, inviato %6</translation>
    </message>
    <message>
        <source>Error: %1</source>
        <translation>Errore: %1</translation>
    </message>
    <message>
        <source>POLEEPO ID</source>
        <translation>ID POLEEPO</translation>
    </message>
    <message>
        <source>MESSAGE</source>
        <translation>MESSAGGIO</translation>
    </message>
    <message>
        <source>parent</source>
        <translation>padre</translation>
    </message>
    <message>
        <source>usage: bottega batch generate | poll | list | show ID | resubmit ID</source>
        <translation>uso: bottega batch generate | poll | list | show ID | resubmit ID</translation>
    </message>
    <message>
        <source>left out: %1 (%2)</source>
        <translation>escluso: %1 (%2)</translation>
    </message>
    <message>
        <source>%1 batches submitted, %2 entries</source>
        <translation>%1 lotti inviati, %2 voci</translation>
    </message>
    <message>
        <source>%1 batches asked, %2 finished, %3 waiting for Poleepo&apos;s limit</source>
        <translation>%1 lotti interrogati, %2 conclusi, %3 in attesa del limite di Poleepo</translation>
    </message>
    <message>
        <source>batch resubmit: &quot;%1&quot; is not a batch id</source>
        <translation>batch resubmit: &quot;%1&quot; non è un id di lotto</translation>
    </message>
    <message>
        <source>the failed items of batch %1 were sent again in batch %2</source>
        <translation>gli articoli non riusciti del lotto %1 sono stati reinviati nel lotto %2</translation>
    </message>
    <message>
        <source>published: &quot;%1&quot; is not true or false</source>
        <translation>published: &quot;%1&quot; non è true o false</translation>
    </message>
    <message>
        <source>variant %1 is not a variant of product %2</source>
        <translation>la variante %1 non è una variante del prodotto %2</translation>
    </message>
    <message>
        <source>usage: bottega log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N] | cleanup</source>
        <translation>uso: bottega log list [--service S] [--status-class 2xx|4xx|5xx|failed] [--since T] [--limit N] | cleanup</translation>
    </message>
    <message>
        <source>--service: &quot;%1&quot; is not gelato, poleepo, webhook, files or server</source>
        <translation>--service: &quot;%1&quot; non è gelato, poleepo, webhook, files o server</translation>
    </message>
    <message>
        <source>--status-class: &quot;%1&quot; is not 2xx, 4xx, 5xx or failed</source>
        <translation>--status-class: &quot;%1&quot; non è 2xx, 4xx, 5xx o failed</translation>
    </message>
    <message>
        <source>--since: &quot;%1&quot; is not a time (2026-12-01, 2026-12-01T08:00, or 30m, 24h, 7d ago)</source>
        <translation>--since: &quot;%1&quot; non è un orario (2026-12-01, 2026-12-01T08:00, oppure 30m, 24h, 7d fa)</translation>
    </message>
    <message>
        <source>No API log calls match.</source>
        <translation>Nessuna chiamata del registro API corrisponde.</translation>
    </message>
    <message>
        <source>TIME</source>
        <translation>DATA E ORA</translation>
    </message>
    <message>
        <source>DIRECTION</source>
        <translation>DIREZIONE</translation>
    </message>
    <message>
        <source>SERVICE</source>
        <translation>SERVIZIO</translation>
    </message>
    <message>
        <source>METHOD</source>
        <translation>METODO</translation>
    </message>
    <message>
        <source>ENDPOINT</source>
        <translation>ENDPOINT</translation>
    </message>
    <message>
        <source>MS</source>
        <translation>DURATA (MS)</translation>
    </message>
    <message>
        <source>%n API log calls older than %1 days removed</source>
        <translation>Rimosse %n chiamate del registro API più vecchie di %1 giorni</translation>
    </message>
    <message>
        <source>log cleanup does not take --%1</source>
        <translation>log cleanup non accetta --%1</translation>
    </message>
    <message>
        <source>usage: bottega order create FILE.json | import-csv FILE [--dry-run] | list [--status S] | show ID | quote ID | confirm ID [--shipping standard|express|UID] [--draft] | cancel ID | refresh ID | delivered-to-shop ID | ship ID --carrier C --pickup P --package-type T | handed-over ID</source>
        <translation>uso: bottega order create FILE.json | import-csv FILE [--dry-run] | list [--status S] | show ID | quote ID | confirm ID [--shipping standard|express|UID] [--draft] | cancel ID | refresh ID | delivered-to-shop ID | ship ID --carrier C --pickup P --package-type T | handed-over ID</translation>
    </message>
    <message>
        <source>No variants: a product without variants cannot be published on Poleepo; synchronize it with its Gelato template first.</source>
        <translation>Nessuna variante: un prodotto senza varianti non può essere pubblicato su Poleepo; sincronizzalo prima con il suo template Gelato.</translation>
    </message>
    <message>
        <source>Poleepo shipping %1: %2, tracking %3</source>
        <translation>spedizione Poleepo %1: %2, tracciamento %3</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Stato: %1</translation>
    </message>
    <message>
        <source>Label: %1</source>
        <translation>Etichetta: %1</translation>
    </message>
    <message>
        <source>--package-type: no package type &quot;%1&quot; (known: %2)</source>
        <translation>--package-type: nessun tipo di pacco &quot;%1&quot; (noti: %2)</translation>
    </message>
    <message>
        <source>none; add them in Settings</source>
        <translation>nessuno; aggiungili nelle Impostazioni</translation>
    </message>
    <message>
        <source>Every product of order %1 is delivered to the shop</source>
        <translation>Tutti i prodotti dell&apos;ordine %1 sono stati consegnati al negozio</translation>
    </message>
    <message>
        <source>Order %1 was already delivered to the shop</source>
        <translation>L&apos;ordine %1 è già stato consegnato al negozio</translation>
    </message>
    <message>
        <source>Poleepo knows the parcel is with the carrier</source>
        <translation>Poleepo sa che il pacco è stato affidato al corriere</translation>
    </message>
    <message>
        <source>usage: bottega order ship ID --carrier C --pickup P --package-type T[,T…]</source>
        <translation>uso: bottega order ship ID --carrier C --pickup P --package-type T[,T…]</translation>
    </message>
    <message>
        <source>Shipped with Poleepo; the label is stored</source>
        <translation>Spedito con Poleepo; l&apos;etichetta è salvata</translation>
    </message>
    <message numerus="yes">
        <source>%n package type(s) added from Poleepo</source>
        <translation>
            <numerusform>%n tipo di pacco aggiunto da Poleepo</numerusform>
            <numerusform>%n tipi di pacco aggiunti da Poleepo</numerusform>
        </translation>
    </message>
    <message>
        <source>usage: bottega package-type list | import</source>
        <translation>uso: bottega package-type list | import</translation>
    </message>
    <message>
        <source>%1  %2: %3 kg, %4 x %5 x %6 cm, Poleepo %7%8</source>
        <translation>%1  %2: %3 kg, %4 x %5 x %6 cm, Poleepo %7%8</translation>
    </message>
    <message>
        <source> (not usable: %1)</source>
        <translation> (non utilizzabile: %1)</translation>
    </message>
</context>
<context>
    <name>Bottega::Commands::StatusWalk</name>
    <message>
        <source>SECRET</source>
        <translation>SEGRETO</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>STATO</translation>
    </message>
    <message>
        <source>SOURCE</source>
        <translation>ORIGINE</translation>
    </message>
    <message>
        <source>set</source>
        <translation>impostato</translation>
    </message>
    <message>
        <source>unknown: %1</source>
        <translation>sconosciuto: %1</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>non impostato</translation>
    </message>
</context>
<context>
    <name>Bottega::CompanyMatch</name>
    <message>
        <source>company name: settings say &quot;%1&quot;, Gelato bills &quot;%2&quot;</source>
        <translation>ragione sociale: le impostazioni indicano &quot;%1&quot;, Gelato fattura a &quot;%2&quot;</translation>
    </message>
    <message>
        <source>billing address: settings say &quot;%1&quot;, Gelato bills &quot;%2&quot;</source>
        <translation>indirizzo di fatturazione: le impostazioni indicano &quot;%1&quot;, Gelato fattura a &quot;%2&quot;</translation>
    </message>
    <message>
        <source>the company in settings matches the billing entity Gelato reports</source>
        <translation>l&apos;azienda nelle impostazioni corrisponde all&apos;intestatario della fatturazione indicato da Gelato</translation>
    </message>
    <message>
        <source>the company in settings does not match Gelato&apos;s billing entity (Gelato refuses orders otherwise): %1</source>
        <translation>l&apos;azienda nelle impostazioni non corrisponde all&apos;intestatario della fatturazione di Gelato (altrimenti Gelato rifiuta gli ordini): %1</translation>
    </message>
</context>
<context>
    <name>Bottega::ConnectionTest</name>
    <message>
        <source>Gelato is not set up in this program</source>
        <translation>Gelato non è configurato in questo programma</translation>
    </message>
    <message>
        <source>Poleepo is not set up in this program</source>
        <translation>Poleepo non è configurato in questo programma</translation>
    </message>
</context>
<context>
    <name>Bottega::ContentSniffer</name>
    <message>
        <source>an empty file</source>
        <translation>un file vuoto</translation>
    </message>
    <message>
        <source>XML with a &lt;%1&gt; root</source>
        <translation>XML con radice &lt;%1&gt;</translation>
    </message>
    <message>
        <source>a GIF image</source>
        <translation>un&apos;immagine GIF</translation>
    </message>
    <message>
        <source>a BMP image</source>
        <translation>un&apos;immagine BMP</translation>
    </message>
    <message>
        <source>a WebP image</source>
        <translation>un&apos;immagine WebP</translation>
    </message>
    <message>
        <source>a ZIP archive</source>
        <translation>un archivio ZIP</translation>
    </message>
    <message>
        <source>text</source>
        <translation>testo</translation>
    </message>
    <message>
        <source>an unknown binary type</source>
        <translation>un tipo binario sconosciuto</translation>
    </message>
    <message>
        <source>cannot read &quot;%1&quot;: %2</source>
        <translation>impossibile leggere &quot;%1&quot;: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::CopyableValue</name>
    <message>
        <source>Copied</source>
        <translation>Copiato</translation>
    </message>
    <message>
        <source>Copy to the clipboard</source>
        <translation>Copia negli appunti</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Copia</translation>
    </message>
</context>
<context>
    <name>Bottega::CountryBox</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Type or choose a country</source>
        <translation>Digita o scegli un paese</translation>
    </message>
</context>
<context>
    <name>Bottega::CredentialsDirectorySecretStore</name>
    <message>
        <source>cannot read credential file %1: it is not a regular file</source>
        <translation>impossibile leggere il file di credenziali %1: non è un file normale</translation>
    </message>
    <message>
        <source>credential file %1 is larger than %2 bytes</source>
        <translation>il file di credenziali %1 supera i %2 byte</translation>
    </message>
    <message>
        <source>cannot read credential file %1: %2</source>
        <translation>impossibile leggere il file di credenziali %1: %2</translation>
    </message>
    <message>
        <source>%1: the credentials directory is read-only; it is provided by the service manager (LoadCredential=)</source>
        <translation>%1: la directory delle credenziali è di sola lettura; è fornita dal gestore dei servizi (LoadCredential=)</translation>
    </message>
</context>
<context>
    <name>Bottega::CsvFormat</name>
    <message>
        <source>CSV row %1: a quoted field is never closed</source>
        <translation>riga CSV %1: un campo tra virgolette non viene mai chiuso</translation>
    </message>
</context>
<context>
    <name>Bottega::DashboardPage</name>
    <message>
        <source>Orders by state</source>
        <translation>Ordini per stato</translation>
    </message>
    <message>
        <source>Webhook calls by state, last %1 days</source>
        <translation>Chiamate webhook per stato, ultimi %1 giorni</translation>
    </message>
    <message>
        <source>Product batches by state</source>
        <translation>Lotti di prodotti per stato</translation>
    </message>
    <message>
        <source>API errors by service, last %1 days</source>
        <translation>Errori API per servizio, ultimi %1 giorni</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Counts at a glance; click a bar or a number to open the list behind it.</source>
        <translation>Conteggi a colpo d&apos;occhio; fai clic su una barra o su un numero per aprire l&apos;elenco corrispondente.</translation>
    </message>
    <message numerus="yes">
        <source>order(s) in all</source>
        <translation>
            <numerusform>ordine in totale</numerusform>
            <numerusform>ordini in totale</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the list of orders</source>
        <translation>Apre l&apos;elenco degli ordini</translation>
    </message>
    <message>
        <source>No orders yet.</source>
        <translation>Nessun ordine ancora.</translation>
    </message>
    <message numerus="yes">
        <source>call(s) received in the last %1 days, %2 failed</source>
        <translation>
            <numerusform>chiamata ricevuta negli ultimi %1 giorni, non riuscite: %2</numerusform>
            <numerusform>chiamate ricevute negli ultimi %1 giorni, non riuscite: %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the webhook queue</source>
        <translation>Apre la coda webhook</translation>
    </message>
    <message>
        <source>No webhook calls received in the last %1 days.</source>
        <translation>Nessuna chiamata webhook ricevuta negli ultimi %1 giorni.</translation>
    </message>
    <message numerus="yes">
        <source>batch(es), %1 with failed items to resubmit</source>
        <translation>
            <numerusform>lotto, %1 con articoli non riusciti da reinviare</numerusform>
            <numerusform>lotti, %1 con articoli non riusciti da reinviare</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the list of batches</source>
        <translation>Apre l&apos;elenco dei lotti</translation>
    </message>
    <message>
        <source>No product batches yet: they appear here once products are published to Poleepo.</source>
        <translation>Ancora nessun lotto di prodotti: compaiono qui quando i prodotti vengono pubblicati su Poleepo.</translation>
    </message>
    <message numerus="yes">
        <source>call(s) that failed or were answered with an error in the last %1 days</source>
        <translation>
            <numerusform>chiamata non riuscita o con risposta di errore negli ultimi %1 giorni</numerusform>
            <numerusform>chiamate non riuscite o con risposta di errore negli ultimi %1 giorni</numerusform>
        </translation>
    </message>
    <message>
        <source>Opens the API log with these calls</source>
        <translation>Apre il registro API con queste chiamate</translation>
    </message>
    <message>
        <source>No API errors in the last %1 days.</source>
        <translation>Nessun errore API negli ultimi %1 giorni.</translation>
    </message>
    <message>
        <source>No database: the dashboard is unavailable.</source>
        <translation>Nessun database: la dashboard non è disponibile.</translation>
    </message>
    <message>
        <source>Unavailable without a database.</source>
        <translation>Non disponibile senza un database.</translation>
    </message>
</context>
<context>
    <name>Bottega::DashboardQueries</name>
    <message>
        <source>cannot count the orders by state</source>
        <translation>impossibile contare gli ordini per stato</translation>
    </message>
    <message>
        <source>cannot count the batches by state</source>
        <translation>impossibile contare i lotti per stato</translation>
    </message>
    <message>
        <source>cannot count the webhook calls by day</source>
        <translation>impossibile contare le chiamate webhook per giorno</translation>
    </message>
    <message>
        <source>cannot count the API errors by day</source>
        <translation>impossibile contare gli errori API per giorno</translation>
    </message>
    <message>
        <source>cannot read what changed for the dashboard</source>
        <translation>impossibile leggere le modifiche per la dashboard</translation>
    </message>
</context>
<context>
    <name>Bottega::Database</name>
    <message>
        <source>cannot read the database file %1: it is a directory</source>
        <translation>impossibile leggere il file del database %1: è una cartella</translation>
    </message>
    <message>
        <source>cannot read the database file %1: %2</source>
        <translation>impossibile leggere il file del database %1: %2</translation>
    </message>
    <message>
        <source>%1 is not a Bottega database (not SQLite)</source>
        <translation>%1 non è un database di Bottega (non è SQLite)</translation>
    </message>
    <message>
        <source>database: no SQLite file given</source>
        <translation>database: nessun file SQLite indicato</translation>
    </message>
    <message>
        <source>cannot create the directory %1 for the database</source>
        <translation>impossibile creare la cartella %1 per il database</translation>
    </message>
    <message>
        <source>cannot open the database %1: %2</source>
        <translation>impossibile aprire il database %1: %2</translation>
    </message>
    <message>
        <source>cannot open the database %1: WAL journal mode refused (%2)</source>
        <translation>impossibile aprire il database %1: modalità journal WAL rifiutata (%2)</translation>
    </message>
    <message>
        <source>the database %1 has schema version %2, newer than this Bottega (%3); use a newer Bottega</source>
        <translation>il database %1 ha la versione di schema %2, più recente di questa versione di Bottega (%3); usa una versione più recente di Bottega</translation>
    </message>
    <message>
        <source>cannot lock %1 for migration</source>
        <translation>impossibile bloccare %1 per la migrazione</translation>
    </message>
    <message>
        <source>cannot create schema_migrations in %1</source>
        <translation>impossibile creare schema_migrations in %1</translation>
    </message>
    <message>
        <source>cannot read schema_migrations</source>
        <translation>impossibile leggere schema_migrations</translation>
    </message>
    <message>
        <source>statement failed: %1
%2</source>
        <translation>istruzione non riuscita: %1
%2</translation>
    </message>
    <message>
        <source>cannot record the migration</source>
        <translation>impossibile registrare la migrazione</translation>
    </message>
    <message>
        <source>cannot migrate the database %1 to schema version %2 (%3): %4</source>
        <translation>impossibile migrare il database %1 alla versione di schema %2 (%3): %4</translation>
    </message>
    <message>
        <source>cannot start a transaction on %1</source>
        <translation>impossibile avviare una transazione su %1</translation>
    </message>
    <message>
        <source>cannot commit on %1</source>
        <translation>impossibile eseguire il commit su %1</translation>
    </message>
    <message>
        <source>cannot make the commits on %1 wait for the disk</source>
        <translation>impossibile far attendere il disco ai commit su %1</translation>
    </message>
</context>
<context>
    <name>Bottega::DatabaseLocation</name>
    <message>
        <source>database: no data directory for the default database</source>
        <translation>database: nessuna cartella dati per il database predefinito</translation>
    </message>
    <message>
        <source>database URL %1 is not valid: %2</source>
        <translation>l&apos;URL del database %1 non è valido: %2</translation>
    </message>
    <message>
        <source>no host in %1</source>
        <translation>nessun host in %1</translation>
    </message>
    <message>
        <source>no database name in %1</source>
        <translation>nessun nome di database in %1</translation>
    </message>
    <message>
        <source>database name &quot;%1&quot; in %2 contains &apos;/&apos;</source>
        <translation>il nome del database &quot;%1&quot; in %2 contiene &apos;/&apos;</translation>
    </message>
    <message>
        <source>port %1 in %2 is out of range</source>
        <translation>la porta %1 in %2 è fuori intervallo</translation>
    </message>
</context>
<context>
    <name>Bottega::DescriptionEdit</name>
    <message>
        <source>Formatted</source>
        <translation>Formattato</translation>
    </message>
    <message>
        <source>Edit (HTML or text)</source>
        <translation>Modifica (HTML o testo)</translation>
    </message>
</context>
<context>
    <name>Bottega::DisplayFormat</name>
    <message numerus="yes">
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n giorno</numerusform>
            <numerusform>%n giorni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s)</source>
        <translation>
            <numerusform>%n ora</numerusform>
            <numerusform>%n ore</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n minuto</numerusform>
            <numerusform>%n minuti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n secondo</numerusform>
            <numerusform>%n secondi</numerusform>
        </translation>
    </message>
    <message>
        <source>Manual only</source>
        <translation>Solo manuale</translation>
    </message>
    <message numerus="yes">
        <source>Every %n day(s)</source>
        <translation>
            <numerusform>Ogni %n giorno</numerusform>
            <numerusform>Ogni %n giorni</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n hour(s)</source>
        <translation>
            <numerusform>Ogni %n ora</numerusform>
            <numerusform>Ogni %n ore</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n minute(s)</source>
        <translation>
            <numerusform>Ogni %n minuto</numerusform>
            <numerusform>Ogni %n minuti</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Every %n second(s)</source>
        <translation>
            <numerusform>Ogni %n secondo</numerusform>
            <numerusform>Ogni %n secondi</numerusform>
        </translation>
    </message>
    <message>
        <source>Default (front)</source>
        <translation>Predefinita (fronte)</translation>
    </message>
</context>
<context>
    <name>Bottega::EnvironmentSecretStore</name>
    <message>
        <source>%1: environment variables are read-only; set %2 where Bottega is started</source>
        <translation>%1: le variabili d&apos;ambiente sono di sola lettura; imposta %2 nell&apos;ambiente in cui viene avviato Bottega</translation>
    </message>
</context>
<context>
    <name>Bottega::FileStore</name>
    <message>
        <source>cannot create the folder %1</source>
        <translation>impossibile creare la cartella %1</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>impossibile creare %1: %2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>impossibile scrivere %1: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossibile leggere %1: %2</translation>
    </message>
    <message>
        <source>%1 is damaged: %2 bytes instead of %3; remove it to make a new key (links already given out stop working)</source>
        <translation>%1 è danneggiato: %2 byte invece di %3; rimuovilo per creare una nuova chiave (i link già distribuiti smetteranno di funzionare)</translation>
    </message>
    <message>
        <source>this link is not valid or has expired</source>
        <translation>questo link non è valido o è scaduto</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>file inesistente</translation>
    </message>
</context>
<context>
    <name>Bottega::FulfilmentRepository</name>
    <message>
        <source>cannot read order %1</source>
        <translation>impossibile leggere l&apos;ordine %1</translation>
    </message>
    <message>
        <source>no order with id %1</source>
        <translation>nessun ordine con id %1</translation>
    </message>
    <message>
        <source>cannot save what to do with order %1</source>
        <translation>impossibile salvare cosa fare dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot list the orders ready to send</source>
        <translation>impossibile elencare gli ordini pronti da inviare</translation>
    </message>
    <message>
        <source>cannot list the tracking codes to pass to Poleepo</source>
        <translation>impossibile elencare i codici di tracciamento da passare a Poleepo</translation>
    </message>
    <message>
        <source>cannot record the tracking %1 passed to Poleepo</source>
        <translation>impossibile registrare il tracciamento %1 passato a Poleepo</translation>
    </message>
    <message>
        <source>cannot read the tracking passed to Poleepo for order %1</source>
        <translation>impossibile leggere il tracciamento passato a Poleepo per l&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot read the cursor %1</source>
        <translation>impossibile leggere il cursore %1</translation>
    </message>
    <message>
        <source>cannot save the cursor %1</source>
        <translation>impossibile salvare il cursore %1</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoClient</name>
    <message>
        <source>Gelato refused the API key</source>
        <translation>Gelato ha rifiutato la chiave API</translation>
    </message>
    <message>
        <source>cannot read the Gelato API key: %1</source>
        <translation>impossibile leggere la chiave API di Gelato: %1</translation>
    </message>
    <message>
        <source>the Gelato API key is not set: Settings → Gelato, or `bottega secret set gelato.api-key`</source>
        <translation>la chiave API di Gelato non è impostata: Impostazioni → Gelato, oppure `bottega secret set gelato.api-key`</translation>
    </message>
    <message>
        <source>Gelato has no template &quot;%1&quot;</source>
        <translation>Gelato non ha alcun template &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Gelato has no catalog &quot;%1&quot;</source>
        <translation>Gelato non ha alcun catalogo &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Gelato has no product &quot;%1&quot;</source>
        <translation>Gelato non ha alcun prodotto &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot reach Gelato: %1</source>
        <translation>impossibile raggiungere Gelato: %1</translation>
    </message>
    <message>
        <source>Gelato has no order &quot;%1&quot;</source>
        <translation>Gelato non ha alcun ordine &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Gelato refused the order: %1</source>
        <translation>Gelato ha rifiutato l&apos;ordine: %1</translation>
    </message>
    <message>
        <source>the order is already in production and can no longer be cancelled</source>
        <translation>l&apos;ordine è già in produzione e non può più essere annullato</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoOrderFlow</name>
    <message>
        <source>%1: is being sent to Gelato already</source>
        <translation>%1: è già in corso di invio a Gelato</translation>
    </message>
    <message>
        <source>%1: someone else is sending it to Gelato already</source>
        <translation>%1: qualcun altro lo sta già inviando a Gelato</translation>
    </message>
    <message>
        <source>%1: is being sent to Gelato by another Bottega; if that one stopped, confirm again after %2</source>
        <translation>%1: è in corso di invio a Gelato da parte di un altro Bottega; se quello si è fermato, conferma di nuovo dopo le %2</translation>
    </message>
    <message>
        <source>%1: %2; confirm again to finish sending</source>
        <translation>%1: %2; conferma di nuovo per completare l&apos;invio</translation>
    </message>
    <message>
        <source>cannot ask Gelato whether an earlier attempt reached it: %1</source>
        <translation>impossibile chiedere a Gelato se un tentativo precedente è arrivato: %1</translation>
    </message>
    <message>
        <source>%1: %2 (whether Gelato has the order is unknown: %3); confirm again to finish sending</source>
        <translation>%1: %2 (non si sa se Gelato abbia l&apos;ordine: %3); conferma di nuovo per completare l&apos;invio</translation>
    </message>
    <message>
        <source>%1: Gelato order %2 exists but could not be saved here: %3</source>
        <translation>%1: l&apos;ordine Gelato %2 esiste ma non è stato possibile salvarlo qui: %3</translation>
    </message>
    <message>
        <source>%1: cannot save Gelato&apos;s draft %2 (%3), nor delete it: %4</source>
        <translation>%1: impossibile salvare la bozza Gelato %2 (%3), né eliminarla: %4</translation>
    </message>
    <message>
        <source>%1: Gelato draft %2 is saved but not confirmed yet: %3; confirm again to finish sending</source>
        <translation>%1: la bozza Gelato %2 è salvata ma non ancora confermata: %3; conferma di nuovo per completare l&apos;invio</translation>
    </message>
    <message>
        <source>%1: is not a Gelato draft (state: %2)</source>
        <translation>%1: non è una bozza Gelato (stato: %2)</translation>
    </message>
    <message>
        <source>%1: cannot be cancelled in state %2</source>
        <translation>%1: non può essere annullato nello stato %2</translation>
    </message>
    <message>
        <source>%1: has not reached Gelato yet; nothing to refresh</source>
        <translation>%1: non è ancora arrivato a Gelato; niente da aggiornare</translation>
    </message>
    <message>
        <source>%1: connected order %2: %3</source>
        <translation>%1: ordine collegato %2: %3</translation>
    </message>
    <message numerus="yes">
        <source>%n orders refreshed from Gelato; not refreshed: %1</source>
        <translation>
            <numerusform>%n ordine aggiornato da Gelato; non aggiornati: %1</numerusform>
            <numerusform>%n ordini aggiornati da Gelato; non aggiornati: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the order is already cancelled</source>
        <translation>%1: l&apos;ordine è già annullato</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoParsers</name>
    <message>
        <source>%1: %2 is not an object</source>
        <translation>%1: %2 non è un oggetto</translation>
    </message>
    <message>
        <source>%1: %2 is missing</source>
        <translation>%1: manca %2</translation>
    </message>
    <message>
        <source>%1: %2 is not text</source>
        <translation>%1: %2 non è un testo</translation>
    </message>
    <message>
        <source>%1: %2 is not a number</source>
        <translation>%1: %2 non è un numero</translation>
    </message>
    <message>
        <source>%1: %2 is not a list</source>
        <translation>%1: %2 non è un elenco</translation>
    </message>
    <message>
        <source>%1: %2 is not true or false</source>
        <translation>%1: %2 non è true o false</translation>
    </message>
    <message>
        <source>%1: the answer is not JSON (%2 at byte %3)</source>
        <translation>%1: la risposta non è JSON (%2 al byte %3)</translation>
    </message>
    <message>
        <source>%1: the answer is not a JSON object</source>
        <translation>%1: la risposta non è un oggetto JSON</translation>
    </message>
    <message>
        <source>%1: the answer is not what Gelato documents</source>
        <translation>%1: la risposta non è quella documentata da Gelato</translation>
    </message>
    <message>
        <source>Gelato product</source>
        <translation>Prodotto Gelato</translation>
    </message>
    <message>
        <source>Gelato product search</source>
        <translation>Ricerca prodotti Gelato</translation>
    </message>
    <message>
        <source>Gelato prices</source>
        <translation>Prezzi Gelato</translation>
    </message>
    <message>
        <source>Gelato stock availability</source>
        <translation>Disponibilità Gelato</translation>
    </message>
    <message>
        <source>Gelato shipment methods</source>
        <translation>Metodi di spedizione Gelato</translation>
    </message>
    <message>
        <source>Gelato template</source>
        <translation>Template Gelato</translation>
    </message>
    <message>
        <source>Gelato catalogs</source>
        <translation>Cataloghi Gelato</translation>
    </message>
    <message>
        <source>%1: the answer is not a list</source>
        <translation>%1: la risposta non è un elenco</translation>
    </message>
    <message>
        <source>%1: [%2] is not an object</source>
        <translation>%1: [%2] non è un oggetto</translation>
    </message>
    <message>
        <source>Gelato catalog</source>
        <translation>Catalogo Gelato</translation>
    </message>
    <message>
        <source>%1: %2 is not a date</source>
        <translation>%1: %2 non è una data</translation>
    </message>
    <message>
        <source>Gelato order</source>
        <translation>ordine Gelato</translation>
    </message>
    <message>
        <source>Gelato order search</source>
        <translation>ricerca ordini Gelato</translation>
    </message>
    <message>
        <source>Gelato quote</source>
        <translation>preventivo Gelato</translation>
    </message>
    <message>
        <source>Gelato event %1</source>
        <translation>evento Gelato %1</translation>
    </message>
    <message>
        <source>%1: %2 is not a whole number from 0 to %3</source>
        <translation>%1: %2 non è un numero intero da 0 a %3</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoStatus</name>
    <message>
        <source>Created</source>
        <translation>Creato</translation>
    </message>
    <message>
        <source>Uploading files</source>
        <translation>Caricamento file</translation>
    </message>
    <message>
        <source>Passed checks</source>
        <translation>Controlli superati</translation>
    </message>
    <message>
        <source>In production</source>
        <translation>In produzione</translation>
    </message>
    <message>
        <source>Printed</source>
        <translation>Stampato</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riuscito</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullato</translation>
    </message>
    <message>
        <source>Waiting for approval</source>
        <translation>In attesa di approvazione</translation>
    </message>
    <message>
        <source>Waiting for personalisation</source>
        <translation>In attesa di personalizzazione</translation>
    </message>
    <message>
        <source>Digitising</source>
        <translation>In digitalizzazione</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>Non collegato</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>In sospeso</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Spedito</translation>
    </message>
    <message>
        <source>In transit</source>
        <translation>In transito</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Consegnato</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Reso</translation>
    </message>
</context>
<context>
    <name>Bottega::GelatoWebhookPanel</name>
    <message>
        <source>Gelato webhook</source>
        <translation>Webhook Gelato</translation>
    </message>
    <message>
        <source>In Gelato, open Developer → Webhooks → Add webhook and fill in the form with these values.</source>
        <translation>In Gelato, apri Developer → Webhooks → Add webhook e compila il modulo con questi valori.</translation>
    </message>
    <message>
        <source>URL:</source>
        <translation>URL:</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Eventi:</translation>
    </message>
    <message>
        <source>Method:</source>
        <translation>Metodo:</translation>
    </message>
    <message>
        <source>Authorization:</source>
        <translation>Autorizzazione:</translation>
    </message>
    <message>
        <source>Tick &quot;I want to take Authorization to this webhook&quot;.</source>
        <translation>Spunta &quot;I want to take Authorization to this webhook&quot;.</translation>
    </message>
    <message>
        <source>Header name:</source>
        <translation>Nome dell&apos;header:</translation>
    </message>
    <message>
        <source>Header value:</source>
        <translation>Valore dell&apos;header:</translation>
    </message>
    <message>
        <source>Click &quot;Generate Key&quot; in Gelato, then paste that key into Webhook secret above and save. Gelato sends it with every call; Bottega refuses calls without it.</source>
        <translation>Fai clic su &quot;Generate Key&quot; in Gelato, poi incolla la chiave nel campo Segreto webhook qui sopra e salva. Gelato la invia a ogni chiamata; Bottega rifiuta le chiamate che ne sono prive.</translation>
    </message>
    <message>
        <source>Set a valid public base URL first (for example https://shop.example.com).</source>
        <translation>Imposta prima un URL di base pubblico valido (ad esempio https://shop.example.com).</translation>
    </message>
    <message>
        <source>This address is only reachable from this computer. Gelato needs the public address of your server or reverse proxy.</source>
        <translation>Questo indirizzo è raggiungibile solo da questo computer. Gelato ha bisogno dell&apos;indirizzo pubblico del tuo server o reverse proxy.</translation>
    </message>
</context>
<context>
    <name>Bottega::HttpClient</name>
    <message>
        <source>cancelled</source>
        <translation>annullata</translation>
    </message>
    <message>
        <source>%1 (the server sent an HTML page instead of JSON)</source>
        <translation>%1 (il server ha inviato una pagina HTML invece di JSON)</translation>
    </message>
    <message>
        <source>no answer within %1 s from %2</source>
        <translation>nessuna risposta da %2 entro %1 s</translation>
    </message>
    <message>
        <source>%1 closed the connection before the whole answer arrived (%2 of %3 bytes)</source>
        <translation>%1 ha chiuso la connessione prima dell&apos;arrivo della risposta completa (%2 di %3 byte)</translation>
    </message>
    <message>
        <source>%1 closed the connection before the whole answer arrived (%2 bytes)</source>
        <translation>%1 ha chiuso la connessione prima dell&apos;arrivo della risposta completa (%2 byte)</translation>
    </message>
    <message>
        <source>cannot connect to %1: %2</source>
        <translation>impossibile connettersi a %1: %2</translation>
    </message>
    <message>
        <source>HTTP %1 %2: the server asks to wait %3 s, longer than the %4 s allowed</source>
        <translation>HTTP %1 %2: il server chiede di attendere %3 s, più dei %4 s consentiti</translation>
    </message>
    <message>
        <source>connection refused</source>
        <translation>connessione rifiutata</translation>
    </message>
    <message>
        <source>the server closed the connection without an answer</source>
        <translation>il server ha chiuso la connessione senza rispondere</translation>
    </message>
    <message>
        <source>host not found</source>
        <translation>host non trovato</translation>
    </message>
    <message>
        <source>the connection timed out</source>
        <translation>tempo di connessione scaduto</translation>
    </message>
    <message>
        <source>the TLS handshake failed (%1)</source>
        <translation>handshake TLS non riuscito (%1)</translation>
    </message>
    <message>
        <source>the network is not available</source>
        <translation>la rete non è disponibile</translation>
    </message>
    <message>
        <source>proxy error (%1)</source>
        <translation>errore del proxy (%1)</translation>
    </message>
</context>
<context>
    <name>Bottega::HttpResponse</name>
    <message>
        <source>the answer is empty, expected JSON</source>
        <translation>la risposta è vuota, era atteso JSON</translation>
    </message>
    <message>
        <source>the server sent an HTML page instead of JSON</source>
        <translation>il server ha inviato una pagina HTML invece di JSON</translation>
    </message>
    <message>
        <source>the answer is not valid JSON (truncated at byte %1)</source>
        <translation>la risposta non è JSON valido (troncata al byte %1)</translation>
    </message>
    <message>
        <source>the answer is not valid JSON (%1 at byte %2)</source>
        <translation>la risposta non è JSON valido (%1 al byte %2)</translation>
    </message>
</context>
<context>
    <name>Bottega::InMemorySecretStore</name>
    <message>
        <source>%1: the value is empty</source>
        <translation>%1: il valore è vuoto</translation>
    </message>
</context>
<context>
    <name>Bottega::InlineMessage</name>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
</context>
<context>
    <name>Bottega::IntervalDialog</name>
    <message>
        <source>Change interval</source>
        <translation>Modifica intervallo</translation>
    </message>
    <message>
        <source>seconds</source>
        <translation>secondi</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minuti</translation>
    </message>
    <message>
        <source>hours</source>
        <translation>ore</translation>
    </message>
    <message>
        <source>days</source>
        <translation>giorni</translation>
    </message>
    <message>
        <source>How often should &quot;%1&quot; run? 0 means only when started by hand.</source>
        <translation>Ogni quanto deve essere eseguita &quot;%1&quot;? 0 significa solo quando viene avviata manualmente.</translation>
    </message>
    <message>
        <source>Every:</source>
        <translation>Ogni:</translation>
    </message>
    <message>
        <source>Minimum: %1</source>
        <translation>Minimo: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::JobRepository</name>
    <message>
        <source>scheduler: cannot %1: %2</source>
        <translation>pianificazione: impossibile %1: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::JobTableModel</name>
    <message>
        <source>Job name for the command line: %1</source>
        <translation>Nome dell&apos;attività per la riga di comando: %1</translation>
    </message>
    <message>
        <source>Minimum: %1</source>
        <translation>Minimo: %1</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Mai</translation>
    </message>
    <message>
        <source>Running now</source>
        <translation>In esecuzione</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>Disabilitata</translation>
    </message>
    <message>
        <source>Not scheduled</source>
        <translation>Non pianificata</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>In esecuzione…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Completata</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riuscita</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>Attività</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Abilitata</translation>
    </message>
    <message>
        <source>Interval</source>
        <translation>Intervallo</translation>
    </message>
    <message>
        <source>Last run</source>
        <translation>Ultima esecuzione</translation>
    </message>
    <message>
        <source>Next run</source>
        <translation>Prossima esecuzione</translation>
    </message>
    <message>
        <source>Last result</source>
        <translation>Ultimo esito</translation>
    </message>
    <message>
        <source>the scheduler is not running in this window</source>
        <translation>la pianificazione non è attiva in questa finestra</translation>
    </message>
</context>
<context>
    <name>Bottega::KeychainSecretStore</name>
    <message>
        <source>%1: the value is empty</source>
        <translation>%1: il valore è vuoto</translation>
    </message>
    <message>
        <source>no keyring service: there is no D-Bus session bus (on a server, use $CREDENTIALS_DIRECTORY or BOTTEGA_* environment variables)</source>
        <translation>nessun servizio portachiavi: non c&apos;è un bus di sessione D-Bus (su un server, usa $CREDENTIALS_DIRECTORY o le variabili d&apos;ambiente BOTTEGA_*)</translation>
    </message>
    <message>
        <source>the keyring failed: %1</source>
        <translation>errore del portachiavi: %1</translation>
    </message>
    <message>
        <source>the keyring is locked or access was denied</source>
        <translation>il portachiavi è bloccato o l&apos;accesso è stato negato</translation>
    </message>
    <message>
        <source>the keyring could not delete %1: %2</source>
        <translation>il portachiavi non è riuscito a eliminare %1: %2</translation>
    </message>
    <message>
        <source>the keyring does not support this on this system</source>
        <translation>il portachiavi non supporta questa operazione su questo sistema</translation>
    </message>
    <message>
        <source>no keyring service (is a Secret Service such as gnome-keyring running?)</source>
        <translation>nessun servizio portachiavi (è in esecuzione un Secret Service come gnome-keyring?)</translation>
    </message>
</context>
<context>
    <name>Bottega::ListenAddress</name>
    <message>
        <source>&quot;%1&quot; is not HOST:PORT</source>
        <translation>&quot;%1&quot; non è HOST:PORT</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not HOST:PORT: write an IPv6 address in brackets, as [::1]:8069</source>
        <translation>&quot;%1&quot; non è HOST:PORT: scrivi un indirizzo IPv6 tra parentesi quadre, come [::1]:8069</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a port number</source>
        <translation>&quot;%1&quot; non è un numero di porta</translation>
    </message>
    <message>
        <source>port %1 is out of range 0–65535</source>
        <translation>la porta %1 è fuori dall&apos;intervallo 0–65535</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an IP address or localhost</source>
        <translation>&quot;%1&quot; non è un indirizzo IP né localhost</translation>
    </message>
</context>
<context>
    <name>Bottega::MainWindow</name>
    <message>
        <source>Bottega</source>
        <translation>Bottega</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Prodotti</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Ordini</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Batches</source>
        <translation>Lotti</translation>
    </message>
    <message>
        <source>API log</source>
        <translation>Registro API</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Pianificazione</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>No database</source>
        <translation>Nessun database</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>Database: %1</translation>
    </message>
    <message>
        <source>Server: listening on %1</source>
        <translation>Server: in ascolto su %1</translation>
    </message>
    <message>
        <source>Server: not running (%1)</source>
        <translation>Server: non attivo (%1)</translation>
    </message>
    <message>
        <source>Server: not running</source>
        <translation>Server: non attivo</translation>
    </message>
    <message>
        <source>Webhooks (%1)</source>
        <translation>Webhook (%1)</translation>
    </message>
    <message>
        <source>Batches (%1)</source>
        <translation>Lotti (%1)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>%1: %2 of %3</source>
        <translation>%1: %2 di %3</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
</context>
<context>
    <name>Bottega::MessageText</name>
    <message>
        <source>Gelato status: %1</source>
        <translation>stato Gelato: %1</translation>
    </message>
    <message>
        <source>Gelato status: %1 (%2)</source>
        <translation>stato Gelato: %1 (%2)</translation>
    </message>
    <message>
        <source>Gelato order %1: %2</source>
        <translation>ordine Gelato %1: %2</translation>
    </message>
    <message>
        <source>Gelato order %1: %2 (%3)</source>
        <translation>ordine Gelato %1: %2 (%3)</translation>
    </message>
    <message>
        <source>delivery expected %1 to %2</source>
        <translation>consegna prevista dal %1 al %2</translation>
    </message>
    <message>
        <source>item %1: %2</source>
        <translation>articolo %1: %2</translation>
    </message>
    <message>
        <source>parcel %1: %2</source>
        <translation>pacco %1: %2</translation>
    </message>
    <message>
        <source>now %1</source>
        <translation>ora %1</translation>
    </message>
    <message>
        <source>sending to Gelato</source>
        <translation>invio a Gelato in corso</translation>
    </message>
    <message>
        <source>not sent: %1</source>
        <translation>non inviato: %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annullato</translation>
    </message>
    <message>
        <source>Gelato draft %1 deleted</source>
        <translation>bozza Gelato %1 eliminata</translation>
    </message>
    <message>
        <source>%1</source>
        <translation>%1</translation>
    </message>
    <message>
        <source>nothing new</source>
        <translation>nessuna novità</translation>
    </message>
    <message>
        <source>no local order for Gelato order %1</source>
        <translation>nessun ordine locale per l&apos;ordine Gelato %1</translation>
    </message>
    <message>
        <source>Gelato&apos;s test call (placeholders in the payload)</source>
        <translation>chiamata di prova di Gelato (segnaposto nel contenuto)</translation>
    </message>
    <message>
        <source>%1: stock and store products are not tracked here</source>
        <translation>%1: disponibilità e prodotti del negozio non sono seguiti qui</translation>
    </message>
    <message>
        <source>%1 is not a Gelato order event</source>
        <translation>%1 non è un evento di ordine Gelato</translation>
    </message>
    <message>
        <source>order %1 has no item %2</source>
        <translation>l&apos;ordine %1 non ha l&apos;articolo %2</translation>
    </message>
    <message>
        <source>no handler for the %1 event %2</source>
        <translation>nessun gestore per l&apos;evento %1 %2</translation>
    </message>
    <message numerus="yes">
        <source>%n entries older than %1 days removed</source>
        <translation>
            <numerusform>%n voce più vecchia di %1 giorni rimossa</numerusform>
            <numerusform>%n voci più vecchie di %1 giorni rimosse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n orders refreshed from Gelato</source>
        <translation>
            <numerusform>%n ordine aggiornato da Gelato</numerusform>
            <numerusform>%n ordini aggiornati da Gelato</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n webhooks processed</source>
        <translation>
            <numerusform>%n webhook elaborato</numerusform>
            <numerusform>%n webhook elaborati</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n processed webhooks older than %1 days removed</source>
        <translation>
            <numerusform>%n webhook elaborato più vecchio di %1 giorni rimosso</numerusform>
            <numerusform>%n webhook elaborati più vecchi di %1 giorni rimossi</numerusform>
        </translation>
    </message>
    <message>
        <source>Poleepo status: %1</source>
        <translation>stato Poleepo: %1</translation>
    </message>
    <message>
        <source>Poleepo shipping %1: %2</source>
        <translation>spedizione Poleepo %1: %2</translation>
    </message>
    <message>
        <source>tracking %1 passed to Poleepo shipping %2</source>
        <translation>tracciamento %1 passato alla spedizione Poleepo %2</translation>
    </message>
    <message>
        <source>imported from Poleepo order %1 (%2)</source>
        <translation>importato dall&apos;ordine Poleepo %1 (%2)</translation>
    </message>
    <message>
        <source>imported from Poleepo order %1 (%2); %3</source>
        <translation>importato dall&apos;ordine Poleepo %1 (%2); %3</translation>
    </message>
    <message>
        <source>the Poleepo order lacks: %1</source>
        <translation>all&apos;ordine Poleepo manca: %1</translation>
    </message>
    <message>
        <source>no variant has the SKU %1</source>
        <translation>nessuna variante ha lo SKU %1</translation>
    </message>
    <message>
        <source>Gelato goods mixed with other goods (%1): decide how to fulfil it</source>
        <translation>prodotti Gelato insieme ad altri prodotti (%1): decidi come evaderlo</translation>
    </message>
    <message>
        <source>Gelato&apos;s tracking %1 cannot reach Poleepo: the order has no shipping in Poleepo</source>
        <translation>il tracciamento Gelato %1 non può arrivare a Poleepo: l&apos;ordine non ha una spedizione in Poleepo</translation>
    </message>
    <message>
        <source>could not be sent to Gelato: %1</source>
        <translation>non è stato possibile inviarlo a Gelato: %1</translation>
    </message>
    <message>
        <source>Poleepo order %1 imported</source>
        <translation>ordine Poleepo %1 importato</translation>
    </message>
    <message>
        <source>no local order has Poleepo shipping %1</source>
        <translation>nessun ordine locale ha la spedizione Poleepo %1</translation>
    </message>
    <message>
        <source>%1 is not a Poleepo event Bottega acts on</source>
        <translation>%1 non è un evento Poleepo gestito da Bottega</translation>
    </message>
    <message numerus="yes">
        <source>%n batches submitted to Poleepo</source>
        <translation>
            <numerusform>%n lotto inviato a Poleepo</numerusform>
            <numerusform>%n lotti inviati a Poleepo</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batches submitted to Poleepo; %1 variants left out</source>
        <translation>
            <numerusform>%n lotto inviato a Poleepo; %1 varianti escluse</numerusform>
            <numerusform>%n lotti inviati a Poleepo; %1 varianti escluse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n batches asked for their status</source>
        <translation>
            <numerusform>%n lotto interrogato sul suo stato</numerusform>
            <numerusform>%n lotti interrogati sul loro stato</numerusform>
        </translation>
    </message>
    <message>
        <source>Poleepo is not enabled</source>
        <translation>Poleepo non è abilitato</translation>
    </message>
    <message>
        <source>%1 orders imported, %2 updated; %3 sent to Gelato, %4 tracking codes passed to Poleepo, %5 waiting</source>
        <translation>%1 ordini importati, %2 aggiornati; %3 inviati a Gelato, %4 codici di tracciamento passati a Poleepo, %5 in attesa</translation>
    </message>
    <message>
        <source>%1; %2</source>
        <translation>%1; %2</translation>
    </message>
    <message>
        <source>cancelled in Poleepo, but already %1 here: cancel it at Gelato or decide</source>
        <translation>annullato in Poleepo, ma qui già %1: annullalo su Gelato o decidi</translation>
    </message>
    <message>
        <source>cancelled in Poleepo</source>
        <translation>annullato in Poleepo</translation>
    </message>
    <message>
        <source>every product delivered to the shop</source>
        <translation>tutti i prodotti consegnati al negozio</translation>
    </message>
    <message>
        <source>Poleepo shipping %1 created with %2, tracking %3</source>
        <translation>Spedizione Poleepo %1 creata con %2, tracciamento %3</translation>
    </message>
    <message>
        <source>label of Poleepo shipping %1 stored</source>
        <translation>etichetta della spedizione Poleepo %1 salvata</translation>
    </message>
    <message>
        <source>Poleepo shipping %1 delivered to the carrier</source>
        <translation>Spedizione Poleepo %1 consegnata al corriere</translation>
    </message>
    <message>
        <source>Cancelled: %1</source>
        <translation>Annullato: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderAddressRepository</name>
    <message>
        <source>cannot save the addresses of order %1</source>
        <translation>impossibile salvare gli indirizzi dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot save the %1 address of order %2</source>
        <translation>impossibile salvare l&apos;indirizzo %1 dell&apos;ordine %2</translation>
    </message>
    <message>
        <source>cannot read the addresses of order %1</source>
        <translation>impossibile leggere gli indirizzi dell&apos;ordine %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderCsv</name>
    <message>
        <source>the file is empty: a header row and one row per line needed</source>
        <translation>il file è vuoto: servono una riga di intestazione e una riga per ogni riga d&apos;ordine</translation>
    </message>
    <message>
        <source>unknown column &quot;%1&quot; (known: %2)</source>
        <translation>colonna sconosciuta &quot;%1&quot; (colonne note: %2)</translation>
    </message>
    <message>
        <source>the column &quot;reference&quot; is missing</source>
        <translation>manca la colonna &quot;reference&quot;</translation>
    </message>
    <message>
        <source>a column &quot;sku&quot; or &quot;variantId&quot; is needed</source>
        <translation>serve una colonna &quot;sku&quot; o &quot;variantId&quot;</translation>
    </message>
    <message>
        <source>row %1, reference: is required</source>
        <translation>riga %1, reference: è obbligatorio</translation>
    </message>
    <message>
        <source>row %1, reference: an order %2 exists already</source>
        <translation>riga %1, reference: esiste già un ordine %2</translation>
    </message>
    <message>
        <source>row %1, currency: &quot;%2&quot; is not a three-letter ISO 4217 code</source>
        <translation>riga %1, currency: &quot;%2&quot; non è un codice ISO 4217 di tre lettere</translation>
    </message>
    <message>
        <source>row %1, kind: &quot;%2&quot; is not product, service or shipping</source>
        <translation>riga %1, kind: &quot;%2&quot; non è product, service o shipping</translation>
    </message>
    <message>
        <source>row %1, quantity: must be a whole number greater than 0 (got &quot;%2&quot;)</source>
        <translation>riga %1, quantity: deve essere un numero intero maggiore di 0 (trovato &quot;%2&quot;)</translation>
    </message>
    <message>
        <source>row %1, price: &quot;%2&quot; is not a number not below 0</source>
        <translation>riga %1, price: &quot;%2&quot; non è un numero maggiore o uguale a 0</translation>
    </message>
    <message>
        <source>row %1, variantId: no variant with id %2</source>
        <translation>riga %1, variantId: nessuna variante con id %2</translation>
    </message>
    <message>
        <source>row %1, sku: no variant with SKU &quot;%2&quot;</source>
        <translation>riga %1, sku: nessuna variante con SKU &quot;%2&quot;</translation>
    </message>
    <message>
        <source>row %1, sku: a product line needs sku or variantId</source>
        <translation>riga %1, sku: una riga prodotto richiede sku o variantId</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>riga %1: %2</translation>
    </message>
    <message>
        <source>row %1, name: a service or shipping line needs a name</source>
        <translation>riga %1, name: una riga di servizio o di spedizione richiede un nome</translation>
    </message>
    <message>
        <source>the file holds no orders: a header row and one row per line needed</source>
        <translation>il file non contiene ordini: servono una riga di intestazione e una riga per ogni riga d&apos;ordine</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderEditorDialog</name>
    <message>
        <source>Bill to a different address</source>
        <translation>Fatturare a un indirizzo diverso</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Conferma</translation>
    </message>
    <message>
        <source>Send as Gelato draft</source>
        <translation>Invia come bozza Gelato</translation>
    </message>
    <message>
        <source>Turn draft into order</source>
        <translation>Trasforma la bozza in ordine</translation>
    </message>
    <message>
        <source>Delete Gelato draft</source>
        <translation>Elimina bozza Gelato</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>Annulla ordine</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Aggiorna</translation>
    </message>
    <message>
        <source>Reads the order&apos;s status, items, packages and costs from Gelato again</source>
        <translation>Rilegge da Gelato stato, articoli, pacchi e costi dell&apos;ordine</translation>
    </message>
    <message>
        <source>Creates the order at Gelato as a draft (a test order): nothing is produced</source>
        <translation>Crea l&apos;ordine su Gelato come bozza (un ordine di prova): non viene prodotto nulla</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Ordine</translation>
    </message>
    <message>
        <source>Addresses</source>
        <translation>Indirizzi</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Spedizione</translation>
    </message>
    <message>
        <source>Gelato</source>
        <translation>Gelato</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronologia</translation>
    </message>
    <message>
        <source>Order %1 saved.</source>
        <translation>Ordine %1 salvato.</translation>
    </message>
    <message>
        <source>Cancel order %1 at Gelato? This cannot be undone.</source>
        <translation>Annullare l&apos;ordine %1 su Gelato? L&apos;operazione è irreversibile.</translation>
    </message>
    <message>
        <source>Reference:</source>
        <translation>Riferimento:</translation>
    </message>
    <message>
        <source>Currency:</source>
        <translation>Valuta:</translation>
    </message>
    <message>
        <source>Source:</source>
        <translation>Origine:</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>First name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Last name:</source>
        <translation>Cognome:</translation>
    </message>
    <message>
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <source>Phone:</source>
        <translation>Telefono:</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>Righe</translation>
    </message>
    <message>
        <source>Shipping address</source>
        <translation>Indirizzo di spedizione</translation>
    </message>
    <message>
        <source>Billing address</source>
        <translation>Indirizzo di fatturazione</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>Company check: %1</source>
        <translation>Verifica azienda: %1</translation>
    </message>
    <message>
        <source>New order %1</source>
        <translation>Nuovo ordine %1</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Ordine %1</translation>
    </message>
    <message>
        <source>New order</source>
        <translation>Nuovo ordine</translation>
    </message>
    <message>
        <source>State: %1</source>
        <translation>Stato: %1</translation>
    </message>
    <message>
        <source>Sends the order to Gelato to be produced and shipped</source>
        <translation>Invia l&apos;ordine a Gelato perché venga prodotto e spedito</translation>
    </message>
    <message>
        <source>Asks Gelato to stop producing and shipping the order</source>
        <translation>Chiede a Gelato di interrompere la produzione e la spedizione dell&apos;ordine</translation>
    </message>
    <message>
        <source>Gelato cancels an order only until it is printed</source>
        <translation>Gelato annulla un ordine solo finché non è stato stampato</translation>
    </message>
    <message>
        <source>Orders are unavailable.</source>
        <translation>Gli ordini non sono disponibili.</translation>
    </message>
    <message>
        <source>Asking Gelato for the shipping rates of %1…</source>
        <translation>Richiesta a Gelato delle tariffe di spedizione di %1…</translation>
    </message>
    <message>
        <source>Creating order %1 at Gelato as a draft…</source>
        <translation>Creazione dell&apos;ordine %1 su Gelato come bozza…</translation>
    </message>
    <message>
        <source>Sending order %1 to Gelato…</source>
        <translation>Invio dell&apos;ordine %1 a Gelato…</translation>
    </message>
    <message>
        <source>Order %1 is a draft at Gelato.</source>
        <translation>L&apos;ordine %1 è una bozza su Gelato.</translation>
    </message>
    <message>
        <source>Order %1 was sent to Gelato.</source>
        <translation>L&apos;ordine %1 è stato inviato a Gelato.</translation>
    </message>
    <message>
        <source>Turning the Gelato draft of %1 into an order…</source>
        <translation>Trasformazione in ordine della bozza Gelato di %1…</translation>
    </message>
    <message>
        <source>Deleting the Gelato draft of %1…</source>
        <translation>Eliminazione della bozza Gelato di %1…</translation>
    </message>
    <message>
        <source>The Gelato draft of %1 was deleted.</source>
        <translation>La bozza Gelato di %1 è stata eliminata.</translation>
    </message>
    <message>
        <source>Cancelling order %1 at Gelato…</source>
        <translation>Annullamento dell&apos;ordine %1 su Gelato…</translation>
    </message>
    <message>
        <source>Order %1 was cancelled.</source>
        <translation>L&apos;ordine %1 è stato annullato.</translation>
    </message>
    <message>
        <source>Reading order %1 from Gelato…</source>
        <translation>Lettura dell&apos;ordine %1 da Gelato…</translation>
    </message>
    <message>
        <source>Order %1 is up to date.</source>
        <translation>L&apos;ordine %1 è aggiornato.</translation>
    </message>
    <message>
        <source>Delete the Gelato draft of order %1? The order becomes a local draft again.</source>
        <translation>Eliminare la bozza Gelato dell&apos;ordine %1? L&apos;ordine torna a essere una bozza locale.</translation>
    </message>
    <message>
        <source>Same as customer (name, email and phone)</source>
        <translation>Come il cliente (nome, email e telefono)</translation>
    </message>
    <message>
        <source>Info Poleepo</source>
        <translation>Informazioni Poleepo</translation>
    </message>
    <message>
        <source>The order cannot be saved yet: %1</source>
        <translation>Non è ancora possibile salvare l&apos;ordine: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderEventRepository</name>
    <message>
        <source>cannot add to the timeline of order %1</source>
        <translation>impossibile aggiungere alla cronologia dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot add to the timeline of order %1: no id returned</source>
        <translation>impossibile aggiungere alla cronologia dell&apos;ordine %1: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot read the timeline of order %1</source>
        <translation>impossibile leggere la cronologia dell&apos;ordine %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderGelatoPanel</name>
    <message>
        <source>Gelato order</source>
        <translation>Ordine Gelato</translation>
    </message>
    <message>
        <source>Order id:</source>
        <translation>Id ordine:</translation>
    </message>
    <message>
        <source>Our reference:</source>
        <translation>Nostro riferimento:</translation>
    </message>
    <message>
        <source>Connected orders:</source>
        <translation>Ordini collegati:</translation>
    </message>
    <message>
        <source>Fulfilment status:</source>
        <translation>Stato di evasione:</translation>
    </message>
    <message>
        <source>Financial status:</source>
        <translation>Stato finanziario:</translation>
    </message>
    <message>
        <source>Delivery estimate:</source>
        <translation>Consegna prevista:</translation>
    </message>
    <message>
        <source>Cost from Gelato&apos;s receipts</source>
        <translation>Costo dalle ricevute di Gelato</translation>
    </message>
    <message>
        <source>Products:</source>
        <translation>Prodotti:</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Spedizione:</translation>
    </message>
    <message>
        <source>Packaging:</source>
        <translation>Imballaggio:</translation>
    </message>
    <message>
        <source>VAT:</source>
        <translation>IVA:</translation>
    </message>
    <message>
        <source>Total:</source>
        <translation>Totale:</translation>
    </message>
    <message>
        <source>Margin:</source>
        <translation>Margine:</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>Item reference</source>
        <translation>Riferimento articolo</translation>
    </message>
    <message>
        <source>Gelato item</source>
        <translation>Articolo Gelato</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Packages and tracking</source>
        <translation>Pacchi e tracciamento</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Articoli</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Not sent to Gelato yet</source>
        <translation>Non ancora inviato a Gelato</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>none (not split)</source>
        <translation>nessuno (non suddiviso)</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>dal %1 al %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>known once Gelato has billed the order</source>
        <translation>noto quando Gelato avrà fatturato l&apos;ordine</translation>
    </message>
    <message>
        <source>not computed: the order is in %1, Gelato bills in %2</source>
        <translation>non calcolato: l&apos;ordine è in %1, Gelato fattura in %2</translation>
    </message>
    <message>
        <source>(%1)</source>
        <translation>(%1)</translation>
    </message>
    <message>
        <source>from Gelato order %1</source>
        <translation>dall&apos;ordine Gelato %1</translation>
    </message>
    <message>
        <source>No package shipped yet.</source>
        <translation>Nessun pacco ancora spedito.</translation>
    </message>
    <message>
        <source>unknown (Gelato did not say)</source>
        <translation>sconosciuto (Gelato non l&apos;ha indicato)</translation>
    </message>
    <message>
        <source>unknown: Gelato did not say what it charged</source>
        <translation>sconosciuto: Gelato non ha indicato quanto ha addebitato</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderImportDialog</name>
    <message>
        <source>Import</source>
        <translation>Importa</translation>
    </message>
    <message>
        <source>Import orders from %1</source>
        <translation>Importa ordini da %1</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Riga</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>Colonna</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problema</translation>
    </message>
    <message>
        <source>Orders are unavailable: no database.</source>
        <translation>Gli ordini non sono disponibili: nessun database.</translation>
    </message>
    <message>
        <source>%1 cannot be imported.</source>
        <translation>%1 non può essere importato.</translation>
    </message>
    <message numerus="yes">
        <source>Nothing can be imported until these rows are fixed (%n problem(s)):</source>
        <translation>
            <numerusform>Non si può importare nulla finché queste righe non sono corrette (%n problema):</numerusform>
            <numerusform>Non si può importare nulla finché queste righe non sono corrette (%n problemi):</numerusform>
        </translation>
    </message>
    <message>
        <source>The file holds no orders.</source>
        <translation>Il file non contiene ordini.</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) will be created: %1</source>
        <translation>
            <numerusform>Verrà creato %n ordine: %1</numerusform>
            <numerusform>Verranno creati %n ordini: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported.</source>
        <translation>
            <numerusform>%n ordine importato.</numerusform>
            <numerusform>%n ordini importati.</numerusform>
        </translation>
    </message>
    <message>
        <source>Importing orders…</source>
        <translation>Importazione degli ordini…</translation>
    </message>
    <message>
        <source>Importing orders from %1</source>
        <translation>Importazione degli ordini da %1</translation>
    </message>
    <message>
        <source>cancelled: nothing was imported</source>
        <translation>annullata: non è stato importato nulla</translation>
    </message>
    <message>
        <source>nothing was imported</source>
        <translation>non è stato importato nulla</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported</source>
        <translation>
            <numerusform>%n ordine importato</numerusform>
            <numerusform>%n ordini importati</numerusform>
        </translation>
    </message>
    <message>
        <source>Import cancelled: no order was imported.</source>
        <translation>Importazione annullata: nessun ordine è stato importato.</translation>
    </message>
    <message>
        <source>Cancelling the import…</source>
        <translation>Annullamento dell&apos;importazione…</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>Controllo di %1…</translation>
    </message>
    <message>
        <source>Checking %1</source>
        <translation>Controllo di %1</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annullato</translation>
    </message>
    <message numerus="yes">
        <source>%n row problem(s)</source>
        <translation>
            <numerusform>%n problema nelle righe</numerusform>
            <numerusform>%n problemi nelle righe</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 di %2</translation>
    </message>
    <message>
        <source>Checking rows: %1</source>
        <translation>Controllo delle righe: %1</translation>
    </message>
    <message>
        <source>Importing orders: %1</source>
        <translation>Importazione degli ordini: %1</translation>
    </message>
    <message>
        <source>Cancelling the check…</source>
        <translation>Annullamento del controllo…</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…e %n altro.</numerusform>
            <numerusform>…e altri %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::OrderInput</name>
    <message>
        <source>no variant with id %1</source>
        <translation>nessuna variante con id %1</translation>
    </message>
    <message>
        <source>a Gelato order holds only Gelato goods: %1 not made by Gelato (services and shipping lines are allowed)</source>
        <translation>un ordine Gelato contiene solo articoli Gelato: %1 non prodotto da Gelato (righe di servizio e di spedizione ammesse)</translation>
    </message>
    <message>
        <source>%1 is not a Gelato product and cannot be added to a Gelato order: a Gelato order holds only Gelato goods (services and shipping lines are allowed)</source>
        <translation>%1 non è un prodotto Gelato e non può essere aggiunto a un ordine Gelato: un ordine Gelato contiene solo articoli Gelato (righe di servizio e di spedizione ammesse)</translation>
    </message>
    <message>
        <source>%1 is a Gelato product and cannot be added to an order of goods Gelato does not make (%2): a Gelato order holds only Gelato goods</source>
        <translation>%1 è un prodotto Gelato e non può essere aggiunto a un ordine di articoli che Gelato non produce (%2): un ordine Gelato contiene solo articoli Gelato</translation>
    </message>
    <message>
        <source>the order is not valid JSON: %1 at offset %2</source>
        <translation>l&apos;ordine non è un JSON valido: %1 alla posizione %2</translation>
    </message>
    <message>
        <source>the order must be a JSON object</source>
        <translation>l&apos;ordine deve essere un oggetto JSON</translation>
    </message>
    <message>
        <source>reference: is required</source>
        <translation>reference: è obbligatorio</translation>
    </message>
    <message>
        <source>currency: &quot;%1&quot; is not a three-letter ISO 4217 code</source>
        <translation>currency: &quot;%1&quot; non è un codice ISO 4217 di tre lettere</translation>
    </message>
    <message>
        <source>lines: an order needs at least one line</source>
        <translation>righe: un ordine richiede almeno una riga</translation>
    </message>
    <message>
        <source>%1.kind: &quot;%2&quot; is not product, service or shipping</source>
        <translation>%1.kind: &quot;%2&quot; non è product, service o shipping</translation>
    </message>
    <message>
        <source>%1.quantity: must be a whole number greater than 0 (got %2)</source>
        <translation>%1.quantity: deve essere un numero intero maggiore di 0 (trovato %2)</translation>
    </message>
    <message>
        <source>%1.price: must be a number not below 0</source>
        <translation>%1.price: deve essere un numero maggiore o uguale a 0</translation>
    </message>
    <message>
        <source>%1.variantId: no variant with id %2</source>
        <translation>%1.variantId: nessuna variante con id %2</translation>
    </message>
    <message>
        <source>%1.sku: no variant with SKU &quot;%2&quot;</source>
        <translation>%1.sku: nessuna variante con SKU &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1: a product line needs variantId or sku</source>
        <translation>%1: una riga prodotto richiede variantId o sku</translation>
    </message>
    <message>
        <source>%1.name: a service or shipping line needs a name</source>
        <translation>%1.name: una riga di servizio o di spedizione richiede un nome</translation>
    </message>
    <message>
        <source>customer: a first or last name, or an email, is required</source>
        <translation>cliente: è richiesto un nome o un cognome, oppure un&apos;email</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderLinesPanel</name>
    <message>
        <source>Add line</source>
        <translation>Aggiungi riga</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>Rimuovi riga</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>Prodotto</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantità</translation>
    </message>
    <message>
        <source>Unit price</source>
        <translation>Prezzo unitario</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>Importo</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servizio</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Spedizione</translation>
    </message>
    <message>
        <source>Lines total: %1 %2</source>
        <translation>Totale righe: %1 %2</translation>
    </message>
    <message>
        <source>Line %1: the quantity must be a whole number above 0, not &quot;%2&quot;</source>
        <translation>Riga %1: la quantità deve essere un numero intero maggiore di 0, non &quot;%2&quot;</translation>
    </message>
    <message>
        <source>Line %1: the unit price must be a number of 0 or more, not &quot;%2&quot;</source>
        <translation>Riga %1: il prezzo unitario deve essere un numero maggiore o uguale a 0, non &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 — print images incomplete</source>
        <translation>%1 — immagini di stampa incomplete</translation>
    </message>
    <message>
        <source>Cannot be ordered from Gelato until its print images are complete (missing: %1)</source>
        <translation>Non può essere ordinato a Gelato finché le sue immagini di stampa non sono complete (mancanti: %1)</translation>
    </message>
    <message>
        <source>Adds the chosen product with this quantity and price</source>
        <translation>Aggiunge il prodotto scelto con questa quantità e questo prezzo</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderListPage</name>
    <message>
        <source>New order</source>
        <translation>Nuovo ordine</translation>
    </message>
    <message>
        <source>Import CSV…</source>
        <translation>Importa CSV…</translation>
    </message>
    <message>
        <source>Search reference, customer, email or Gelato id…</source>
        <translation>Cerca per riferimento, cliente, email o id Gelato…</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Qualsiasi stato</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Qualsiasi origine</translation>
    </message>
    <message>
        <source>Any Gelato status</source>
        <translation>Qualsiasi stato Gelato</translation>
    </message>
    <message>
        <source>Not sent to Gelato</source>
        <translation>Non inviati a Gelato</translation>
    </message>
    <message>
        <source>Orders are unavailable: no database.</source>
        <translation>Gli ordini non sono disponibili: nessun database.</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>Ordini</translation>
    </message>
    <message>
        <source>Sales orders entered here, imported or from Poleepo; double-click one to open it.</source>
        <translation>Ordini di vendita inseriti qui, importati o da Poleepo; fai doppio clic su un ordine per aprirlo.</translation>
    </message>
    <message>
        <source>No database: orders are unavailable.</source>
        <translation>Nessun database: gli ordini non sono disponibili.</translation>
    </message>
    <message>
        <source>Import orders from CSV</source>
        <translation>Importa ordini da CSV</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>File CSV (*.csv);;Tutti i file (*)</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) imported.</source>
        <translation>
            <numerusform>%n ordine importato.</numerusform>
            <numerusform>%n ordini importati.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n ordine</numerusform>
            <numerusform>%n ordini</numerusform>
        </translation>
    </message>
    <message>
        <source>Ready to send to Gelato</source>
        <translation>Pronto per l&apos;invio a Gelato</translation>
    </message>
    <message>
        <source>Needs attention</source>
        <translation>Richiede attenzione</translation>
    </message>
    <message>
        <source>The marketplace an order came from through Poleepo</source>
        <translation>Il marketplace da cui l&apos;ordine è arrivato tramite Poleepo</translation>
    </message>
    <message>
        <source>Any channel</source>
        <translation>Qualsiasi canale</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderPackageRepository</name>
    <message>
        <source>cannot save package %1 of order %2</source>
        <translation>impossibile salvare il pacco %1 dell&apos;ordine %2</translation>
    </message>
    <message>
        <source>cannot save package %1: no id returned</source>
        <translation>impossibile salvare il pacco %1: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot read the packages of order %1</source>
        <translation>impossibile leggere i pacchi dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot save connected Gelato order %1</source>
        <translation>impossibile salvare l&apos;ordine Gelato collegato %1</translation>
    </message>
    <message>
        <source>cannot read the connected Gelato orders of order %1</source>
        <translation>impossibile leggere gli ordini Gelato collegati all&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot look up Gelato order %1</source>
        <translation>impossibile cercare l&apos;ordine Gelato %1</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderPoleepoPanel</name>
    <message>
        <source>Delivered to the shop</source>
        <translation>Consegnato al negozio</translation>
    </message>
    <message>
        <source>Ship with Poleepo…</source>
        <translation>Spedisci con Poleepo…</translation>
    </message>
    <message>
        <source>Delivered to carrier</source>
        <translation>Consegnato al corriere</translation>
    </message>
    <message>
        <source>Open label</source>
        <translation>Apri etichetta</translation>
    </message>
    <message>
        <source>Print label</source>
        <translation>Stampa etichetta</translation>
    </message>
    <message>
        <source>Every product of the order has reached the shop and can be packed</source>
        <translation>Tutti i prodotti dell&apos;ordine sono arrivati in negozio e possono essere imballati</translation>
    </message>
    <message>
        <source>The carrier collected the parcel: tells Poleepo</source>
        <translation>Il corriere ha ritirato il pacco: lo comunica a Poleepo</translation>
    </message>
    <message>
        <source>Poleepo order</source>
        <translation>Ordine Poleepo</translation>
    </message>
    <message>
        <source>Channel:</source>
        <translation>Canale:</translation>
    </message>
    <message>
        <source>Order ID:</source>
        <translation>ID ordine:</translation>
    </message>
    <message>
        <source>Poleepo status:</source>
        <translation>Stato Poleepo:</translation>
    </message>
    <message>
        <source>Fulfilment:</source>
        <translation>Evasione:</translation>
    </message>
    <message>
        <source>Shipping with Poleepo</source>
        <translation>Spedizione con Poleepo</translation>
    </message>
    <message>
        <source>Shipment status:</source>
        <translation>Stato spedizione:</translation>
    </message>
    <message>
        <source>Tracking code:</source>
        <translation>Codice di tracciamento:</translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation>Corriere:</translation>
    </message>
    <message>
        <source>Pickup address:</source>
        <translation>Indirizzo di ritiro:</translation>
    </message>
    <message>
        <source>Packages:</source>
        <translation>Pacchi:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>Etichetta:</translation>
    </message>
    <message>
        <source>Opens the order in Poleepo</source>
        <translation>Apre l&apos;ordine in Poleepo</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Richiede attenzione: %1</translation>
    </message>
    <message>
        <source>Ready to send to Gelato (waiting for review)</source>
        <translation>Pronto per l&apos;invio a Gelato (in attesa di revisione)</translation>
    </message>
    <message>
        <source>Sent to Gelato</source>
        <translation>Inviato a Gelato</translation>
    </message>
    <message>
        <source>Not Gelato goods: the shop ships them</source>
        <translation>Articoli non Gelato: li spedisce il negozio</translation>
    </message>
    <message>
        <source>shipping with Poleepo is not available here</source>
        <translation>la spedizione con Poleepo non è disponibile qui</translation>
    </message>
    <message>
        <source>%1 (delivered to the carrier %2)</source>
        <translation>%1 (consegnato al corriere %2)</translation>
    </message>
    <message>
        <source>Poleepo shipping %1: %2</source>
        <translation>Spedizione Poleepo %1: %2</translation>
    </message>
    <message>
        <source>PDF stored with the order</source>
        <translation>PDF salvato con l&apos;ordine</translation>
    </message>
    <message>
        <source>not stored yet</source>
        <translation>non ancora salvata</translation>
    </message>
    <message>
        <source>not shipped with Poleepo yet</source>
        <translation>non ancora spedito con Poleepo</translation>
    </message>
    <message>
        <source>Fetch the label again</source>
        <translation>Scarica di nuovo l&apos;etichetta</translation>
    </message>
    <message>
        <source>Ship with Poleepo is not possible: %1</source>
        <translation>Spedisci con Poleepo non è possibile: %1</translation>
    </message>
    <message>
        <source>Asking Poleepo…</source>
        <translation>Richiesta a Poleepo…</translation>
    </message>
    <message>
        <source>Every product is delivered to the shop.</source>
        <translation>Tutti i prodotti sono stati consegnati al negozio.</translation>
    </message>
    <message>
        <source>Poleepo made the shipping; its label is stored with the order.</source>
        <translation>Poleepo ha creato la spedizione; la sua etichetta è salvata con l&apos;ordine.</translation>
    </message>
    <message>
        <source>Poleepo knows the parcel is with the carrier.</source>
        <translation>Poleepo sa che il pacco è stato affidato al corriere.</translation>
    </message>
    <message>
        <source>No program opens %1</source>
        <translation>Nessun programma apre %1</translation>
    </message>
    <message>
        <source>No print spooler (lp) found: open the label and print it from the viewer.</source>
        <translation>Nessuno spooler di stampa (lp) trovato: apri l&apos;etichetta e stampala dal visualizzatore.</translation>
    </message>
    <message>
        <source>Label sent to the default printer.</source>
        <translation>Etichetta inviata alla stampante predefinita.</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderPrinting</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>REFERENCE</source>
        <translation>RIFERIMENTO</translation>
    </message>
    <message>
        <source>STATE</source>
        <translation>STATO</translation>
    </message>
    <message>
        <source>CUSTOMER</source>
        <translation>CLIENTE</translation>
    </message>
    <message>
        <source>TOTAL</source>
        <translation>TOTALE</translation>
    </message>
    <message>
        <source>GELATO ORDER</source>
        <translation>ORDINE GELATO</translation>
    </message>
    <message>
        <source>GELATO STATUS</source>
        <translation>STATO GELATO</translation>
    </message>
    <message>
        <source>Order %1: %2 (%3)</source>
        <translation>Ordine %1: %2 (%3)</translation>
    </message>
    <message>
        <source>Customer: %1 %2 &lt;%3&gt;</source>
        <translation>Cliente: %1 %2 &lt;%3&gt;</translation>
    </message>
    <message>
        <source>Ship to: %1</source>
        <translation>Spedire a: %1</translation>
    </message>
    <message>
        <source>Total: %1 (shipping %2)</source>
        <translation>Totale: %1 (spedizione %2)</translation>
    </message>
    <message>
        <source>Shipping: %1</source>
        <translation>Spedizione: %1</translation>
    </message>
    <message>
        <source>LINE</source>
        <translation>RIGA</translation>
    </message>
    <message>
        <source>PRODUCT</source>
        <translation>PRODOTTO</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>QUANTITY</source>
        <translation>QUANTITÀ</translation>
    </message>
    <message>
        <source>PRICE</source>
        <translation>PREZZO</translation>
    </message>
    <message>
        <source>GELATO ITEM</source>
        <translation>ARTICOLO GELATO</translation>
    </message>
    <message>
        <source>Gelato order: %1 (%2, %3)</source>
        <translation>Ordine Gelato: %1 (%2, %3)</translation>
    </message>
    <message>
        <source>Connected Gelato order: %1 (%2)</source>
        <translation>Ordine Gelato collegato: %1 (%2)</translation>
    </message>
    <message>
        <source>Gelato cost: products %1, shipping %2, packaging %3, VAT %4, total %5; margin %6</source>
        <translation>Costo Gelato: prodotti %1, spedizione %2, imballaggio %3, IVA %4, totale %5; margine %6</translation>
    </message>
    <message>
        <source>Package %1: %2 %3</source>
        <translation>Pacco %1: %2 %3</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>Attenzione: %1</translation>
    </message>
    <message>
        <source>Gelato offers no Standard or Express shipping for this order</source>
        <translation>Gelato non offre spedizione Standard o Express per questo ordine</translation>
    </message>
    <message>
        <source>TYPE</source>
        <translation>TIPO</translation>
    </message>
    <message>
        <source>DELIVERY</source>
        <translation>CONSEGNA</translation>
    </message>
    <message>
        <source>METHODS</source>
        <translation>METODI</translation>
    </message>
    <message>
        <source>Express</source>
        <translation>Express</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>sconosciuto</translation>
    </message>
    <message>
        <source>Poleepo order: %1 (%2), channel %3</source>
        <translation>Ordine Poleepo: %1 (%2), canale %3</translation>
    </message>
    <message>
        <source>Needs attention: %1</source>
        <translation>Richiede attenzione: %1</translation>
    </message>
    <message>
        <source>Ready to send to Gelato (order confirm %1)</source>
        <translation>Pronto da inviare a Gelato (order confirm %1)</translation>
    </message>
    <message>
        <source>Sent to Gelato</source>
        <translation>Inviato a Gelato</translation>
    </message>
    <message>
        <source>Not Gelato goods: shipped by the shop</source>
        <translation>Non sono prodotti Gelato: spediti dal negozio</translation>
    </message>
    <message>
        <source>Tracking %1 (%2) passed to Poleepo shipping %3 at %4</source>
        <translation>Tracciamento %1 (%2) passato alla spedizione Poleepo %3 il %4</translation>
    </message>
    <message>
        <source>POLEEPO</source>
        <translation>POLEEPO</translation>
    </message>
    <message>
        <source>BRIDGE</source>
        <translation>PONTE</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderProblemText</name>
    <message>
        <source>Cannot get a rate or confirm yet:</source>
        <translation>Non è ancora possibile ottenere una tariffa o confermare:</translation>
    </message>
    <message numerus="yes">
        <source>• and %n more (each is marked where it is)</source>
        <translation>
            <numerusform>• e %n altro problema (segnalato dove si trova)</numerusform>
            <numerusform>• e altri %n problemi (ciascuno è segnalato dove si trova)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::OrderSendRepository</name>
    <message>
        <source>cannot read the state of order %1</source>
        <translation>impossibile leggere lo stato dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>no order with id %1</source>
        <translation>nessun ordine con id %1</translation>
    </message>
    <message>
        <source>cannot mark order %1 as being sent</source>
        <translation>impossibile segnare l&apos;ordine %1 come in corso di invio</translation>
    </message>
    <message>
        <source>cannot take the send lease of order %1</source>
        <translation>impossibile prendere il blocco di invio dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot read the send lease of order %1</source>
        <translation>impossibile leggere il blocco di invio dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot release the send lease of order %1</source>
        <translation>impossibile rilasciare il blocco di invio dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot read the send attempts of order %1</source>
        <translation>impossibile leggere i tentativi di invio dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot store Gelato&apos;s billing entity for order %1</source>
        <translation>impossibile memorizzare l&apos;intestatario della fatturazione Gelato per l&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot read Gelato&apos;s billing entity for order %1</source>
        <translation>impossibile leggere l&apos;intestatario della fatturazione Gelato per l&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot read Gelato&apos;s latest billing entity</source>
        <translation>impossibile leggere l&apos;ultimo intestatario della fatturazione Gelato</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderService</name>
    <message>
        <source>%1: line %2 (%3): the quantity must be greater than 0</source>
        <translation>%1: riga %2 (%3): la quantità deve essere maggiore di 0</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>impossibile leggere %1: %2</translation>
    </message>
    <message>
        <source>%1: cannot be edited in state %2 (only drafts can)</source>
        <translation>%1: non può essere modificato nello stato %2 (solo le bozze sono modificabili)</translation>
    </message>
    <message>
        <source>%1: line %2: the quantity must be greater than 0</source>
        <translation>%1: riga %2: la quantità deve essere maggiore di 0</translation>
    </message>
    <message>
        <source>the quantity must be greater than 0</source>
        <translation>la quantità deve essere maggiore di 0</translation>
    </message>
    <message>
        <source>currency %1 is not one Gelato takes orders in (%2)</source>
        <translation>la valuta %1 non è tra quelle in cui Gelato accetta ordini (%2)</translation>
    </message>
    <message>
        <source>line %1: the quantity must be greater than 0</source>
        <translation>riga %1: la quantità deve essere maggiore di 0</translation>
    </message>
    <message>
        <source>line %1: %2 is not one of our variants</source>
        <translation>riga %1: %2 non è una delle nostre varianti</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>riga %1: %2</translation>
    </message>
    <message>
        <source>the order holds no Gelato goods: there is nothing for Gelato to make</source>
        <translation>l&apos;ordine non contiene articoli Gelato: Gelato non ha nulla da produrre</translation>
    </message>
    <message>
        <source>%1: the shipping cannot change in state %2</source>
        <translation>%1: la spedizione non può cambiare nello stato %2</translation>
    </message>
    <message>
        <source>%1: shipping: say standard, express or a shipment method uid</source>
        <translation>%1: spedizione: indica standard, express o l&apos;uid di un metodo di spedizione</translation>
    </message>
    <message>
        <source>%1: already sent to Gelato (state: %2); it cannot be confirmed again</source>
        <translation>%1: già inviato a Gelato (stato: %2); non può essere confermato di nuovo</translation>
    </message>
    <message>
        <source>%1: is being sent to Gelato already</source>
        <translation>%1: è già in corso di invio a Gelato</translation>
    </message>
    <message>
        <source>%1 cannot be ordered from Gelato until its print images are complete (missing: %2)</source>
        <translation>%1 non può essere ordinato a Gelato finché le sue immagini di stampa non sono complete (mancanti: %2)</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderShippingPanel</name>
    <message>
        <source>Standard</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>Express</source>
        <translation>Express</translation>
    </message>
    <message>
        <source>Get rate</source>
        <translation>Calcola tariffa</translation>
    </message>
    <message>
        <source>Asks Gelato for the shipping price and delivery dates of this order</source>
        <translation>Chiede a Gelato il prezzo di spedizione e le date di consegna di questo ordine</translation>
    </message>
    <message>
        <source>Shipping</source>
        <translation>Spedizione</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prezzo</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Consegna</translation>
    </message>
    <message>
        <source>Shipping:</source>
        <translation>Spedizione:</translation>
    </message>
    <message>
        <source>No shipping chosen yet: Get rate, then choose one.</source>
        <translation>Nessuna spedizione ancora scelta: usa Calcola tariffa, poi scegline una.</translation>
    </message>
    <message>
        <source>Chosen: %1</source>
        <translation>Scelta: %1</translation>
    </message>
    <message>
        <source>Chosen: %1 (shipment method %2)</source>
        <translation>Scelta: %1 (metodo di spedizione %2)</translation>
    </message>
    <message>
        <source>Asking Gelato for rates…</source>
        <translation>Richiesta delle tariffe a Gelato…</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>dal %1 al %2</translation>
    </message>
    <message>
        <source>no date given</source>
        <translation>nessuna data indicata</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Scegli</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderState</name>
    <message>
        <source>Draft</source>
        <translation>Bozza</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>In invio</translation>
    </message>
    <message>
        <source>Gelato draft</source>
        <translation>Bozza Gelato</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>Inviato</translation>
    </message>
    <message>
        <source>In production</source>
        <translation>In produzione</translation>
    </message>
    <message>
        <source>Shipped</source>
        <translation>Spedito</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Consegnato</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Annullato</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riuscito</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Restituito</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderTableModel</name>
    <message>
        <source>%1 &lt;%2&gt;</source>
        <translation>%1 &lt;%2&gt;</translation>
    </message>
    <message>
        <source>Gelato order %1</source>
        <translation>Ordine Gelato %1</translation>
    </message>
    <message>
        <source>Manual</source>
        <translation>Manuale</translation>
    </message>
    <message>
        <source>CSV</source>
        <translation>CSV</translation>
    </message>
    <message>
        <source>Poleepo</source>
        <translation>Poleepo</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Riferimento</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Cliente</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Gelato status</source>
        <translation>Stato Gelato</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Totale</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creato</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderTimelinePanel</name>
    <message>
        <source>Time</source>
        <translation>Data e ora</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Variazione</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Messaggio</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Utente</translation>
    </message>
    <message>
        <source>Gelato answer</source>
        <translation>Risposta di Gelato</translation>
    </message>
    <message>
        <source>Webhook</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Poll</source>
        <translation>Interrogazione periodica</translation>
    </message>
    <message>
        <source>Poleepo</source>
        <translation>Poleepo</translation>
    </message>
    <message>
        <source>Bottega</source>
        <translation>Bottega</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Creato</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Importato</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Tracking</source>
        <translation>Tracciamento</translation>
    </message>
    <message>
        <source>Gelato status</source>
        <translation>Stato Gelato</translation>
    </message>
    <message>
        <source>Gelato item</source>
        <translation>Articolo Gelato</translation>
    </message>
    <message>
        <source>Poleepo status</source>
        <translation>Stato Poleepo</translation>
    </message>
    <message>
        <source>Poleepo shipment</source>
        <translation>Spedizione Poleepo</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderUpdate</name>
    <message>
        <source>%1: cannot become %2 from %3</source>
        <translation>%1: non può passare a %2 da %3</translation>
    </message>
</context>
<context>
    <name>Bottega::OrderUpdateRepository</name>
    <message>
        <source>cannot look up Gelato order %1</source>
        <translation>impossibile cercare l&apos;ordine Gelato %1</translation>
    </message>
    <message>
        <source>cannot read order %1</source>
        <translation>impossibile leggere l&apos;ordine %1</translation>
    </message>
    <message>
        <source>no order with id %1</source>
        <translation>nessun ordine con id %1</translation>
    </message>
    <message>
        <source>cannot save the %1 of order %2</source>
        <translation>impossibile salvare %1 dell&apos;ordine %2</translation>
    </message>
    <message>
        <source>Gelato order</source>
        <translation>l&apos;ordine Gelato</translation>
    </message>
    <message>
        <source>Gelato status</source>
        <translation>lo stato Gelato</translation>
    </message>
    <message>
        <source>Gelato financial status</source>
        <translation>lo stato di pagamento Gelato</translation>
    </message>
    <message>
        <source>shipment method</source>
        <translation>il metodo di spedizione</translation>
    </message>
    <message>
        <source>delivery estimate</source>
        <translation>la stima di consegna</translation>
    </message>
    <message>
        <source>Gelato cost</source>
        <translation>il costo Gelato</translation>
    </message>
    <message>
        <source>cannot change the state of order %1</source>
        <translation>impossibile cambiare lo stato dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot read connected Gelato order %1</source>
        <translation>impossibile leggere l&apos;ordine Gelato collegato %1</translation>
    </message>
    <message>
        <source>cannot save connected Gelato order %1</source>
        <translation>impossibile salvare l&apos;ordine Gelato collegato %1</translation>
    </message>
    <message>
        <source>cannot read the lines of order %1</source>
        <translation>impossibile leggere le righe dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot save the Gelato item of line %1</source>
        <translation>impossibile salvare l&apos;articolo Gelato della riga %1</translation>
    </message>
    <message>
        <source>no order line with id %1</source>
        <translation>nessuna riga d&apos;ordine con id %1</translation>
    </message>
    <message>
        <source>cannot read the packages of order %1</source>
        <translation>impossibile leggere i pacchi dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot save package %1 of order %2</source>
        <translation>impossibile salvare il pacco %1 dell&apos;ordine %2</translation>
    </message>
    <message>
        <source>no package with id %1</source>
        <translation>nessun pacco con id %1</translation>
    </message>
    <message>
        <source>cannot add to the timeline of order %1</source>
        <translation>impossibile aggiungere alla cronologia dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>Poleepo status</source>
        <translation>lo stato Poleepo</translation>
    </message>
    <message>
        <source>cannot read Poleepo shipping %1</source>
        <translation>impossibile leggere la spedizione Poleepo %1</translation>
    </message>
    <message>
        <source>cannot save Poleepo shipping %1</source>
        <translation>impossibile salvare la spedizione Poleepo %1</translation>
    </message>
    <message>
        <source>order %1 is no longer %2</source>
        <translation>l&apos;ordine %1 non è più %2</translation>
    </message>
    <message numerus="yes">
        <source>cannot look up %n Gelato orders</source>
        <translation>
            <numerusform>impossibile cercare %n ordine Gelato</numerusform>
            <numerusform>impossibile cercare %n ordini Gelato</numerusform>
        </translation>
    </message>
    <message>
        <source>cannot add to the timeline of orders %1</source>
        <translation>impossibile aggiungere alla cronologia degli ordini %1</translation>
    </message>
    <message numerus="yes">
        <source>cannot read the packages of %n orders</source>
        <translation>
            <numerusform>impossibile leggere i pacchi di %n ordine</numerusform>
            <numerusform>impossibile leggere i pacchi di %n ordini</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::PackageTypeRepository</name>
    <message>
        <source>a package type named &quot;%1&quot; already exists</source>
        <translation>esiste già un tipo di pacco denominato &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save package type &quot;%1&quot;</source>
        <translation>impossibile salvare il tipo di pacco &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save package type &quot;%1&quot;: no id returned</source>
        <translation>impossibile salvare il tipo di pacco &quot;%1&quot;: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot read package type %1</source>
        <translation>impossibile leggere il tipo di pacco %1</translation>
    </message>
    <message>
        <source>no package type with id %1</source>
        <translation>nessun tipo di pacco con id %1</translation>
    </message>
    <message>
        <source>cannot read package type &quot;%1&quot;</source>
        <translation>impossibile leggere il tipo di pacco &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot read the package types</source>
        <translation>impossibile leggere i tipi di pacco</translation>
    </message>
    <message>
        <source>cannot delete package type %1</source>
        <translation>impossibile eliminare il tipo di pacco %1</translation>
    </message>
</context>
<context>
    <name>Bottega::PackageTypes</name>
    <message>
        <source>a package type needs a name</source>
        <translation>un tipo di pacco deve avere un nome</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>peso</translation>
    </message>
    <message>
        <source>width</source>
        <translation>larghezza</translation>
    </message>
    <message>
        <source>height</source>
        <translation>altezza</translation>
    </message>
    <message>
        <source>depth</source>
        <translation>profondità</translation>
    </message>
    <message>
        <source>package type &quot;%1&quot;: %2 cannot be negative</source>
        <translation>tipo di pacco &quot;%1&quot;: il valore di %2 non può essere negativo</translation>
    </message>
    <message>
        <source>a package type named &quot;%1&quot; already exists</source>
        <translation>esiste già un tipo di pacco chiamato &quot;%1&quot;</translation>
    </message>
    <message>
        <source>package type &quot;%1&quot; is used by a shipment and cannot be deleted</source>
        <translation>il tipo di pacco &quot;%1&quot; è usato da una spedizione e non può essere eliminato</translation>
    </message>
    <message>
        <source>no Poleepo package type</source>
        <translation>nessun tipo di pacco Poleepo</translation>
    </message>
    <message>
        <source>no weight</source>
        <translation>nessun peso</translation>
    </message>
    <message>
        <source>dimensions missing</source>
        <translation>dimensioni mancanti</translation>
    </message>
</context>
<context>
    <name>Bottega::PackageTypesPanel</name>
    <message>
        <source>Package types (Poleepo shipping)</source>
        <translation>Tipi di pacco (spedizione Poleepo)</translation>
    </message>
    <message>
        <source> kg</source>
        <translation> kg</translation>
    </message>
    <message>
        <source> cm</source>
        <translation> cm</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Nuovo</translation>
    </message>
    <message>
        <source>Save type</source>
        <translation>Salva tipo</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Elimina</translation>
    </message>
    <message>
        <source>Get Poleepo&apos;s types</source>
        <translation>Recupera i tipi di Poleepo</translation>
    </message>
    <message>
        <source>the id of the package type in Poleepo</source>
        <translation>l&apos;id del tipo di pacco in Poleepo</translation>
    </message>
    <message>
        <source>Adds the package types configured in Poleepo that are not here yet</source>
        <translation>Aggiunge i tipi di pacco configurati in Poleepo non ancora presenti qui</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Peso</translation>
    </message>
    <message>
        <source>W × H × D</source>
        <translation>L × A × P</translation>
    </message>
    <message>
        <source>Poleepo type</source>
        <translation>Tipo Poleepo</translation>
    </message>
    <message>
        <source>Usable</source>
        <translation>Utilizzabile</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Poleepo type:</source>
        <translation>Tipo Poleepo:</translation>
    </message>
    <message>
        <source>Weight:</source>
        <translation>Peso:</translation>
    </message>
    <message>
        <source>Width:</source>
        <translation>Larghezza:</translation>
    </message>
    <message>
        <source>Height:</source>
        <translation>Altezza:</translation>
    </message>
    <message>
        <source>Depth:</source>
        <translation>Profondità:</translation>
    </message>
    <message>
        <source>Package types are not available here.</source>
        <translation>I tipi di pacco non sono disponibili qui.</translation>
    </message>
    <message>
        <source>%1 kg</source>
        <translation>%1 kg</translation>
    </message>
    <message>
        <source>%1 × %2 × %3 cm</source>
        <translation>%1 × %2 × %3 cm</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No: %1</source>
        <translation>No (%1)</translation>
    </message>
    <message>
        <source>Package type &quot;%1&quot; saved.</source>
        <translation>Tipo di pacco &quot;%1&quot; salvato.</translation>
    </message>
    <message>
        <source>Package type &quot;%1&quot; saved, but a shipment cannot use it yet: %2</source>
        <translation>Tipo di pacco &quot;%1&quot; salvato, ma una spedizione non può ancora usarlo: %2</translation>
    </message>
    <message>
        <source>Delete package type</source>
        <translation>Elimina tipo di pacco</translation>
    </message>
    <message>
        <source>Delete the package type &quot;%1&quot;?</source>
        <translation>Eliminare il tipo di pacco &quot;%1&quot;?</translation>
    </message>
    <message>
        <source>Asking Poleepo for its package types…</source>
        <translation>Richiesta a Poleepo dei suoi tipi di pacco…</translation>
    </message>
    <message>
        <source>Every package type of Poleepo is here already.</source>
        <translation>Tutti i tipi di pacco di Poleepo sono già presenti.</translation>
    </message>
    <message numerus="yes">
        <source>%n package type(s) added from Poleepo.</source>
        <translation>
            <numerusform>%n tipo di pacco aggiunto da Poleepo.</numerusform>
            <numerusform>%n tipi di pacco aggiunti da Poleepo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoClient</name>
    <message>
        <source>Poleepo has no order &quot;%1&quot;</source>
        <translation>Poleepo non ha l&apos;ordine &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Poleepo has no shipping &quot;%1&quot;</source>
        <translation>Poleepo non ha la spedizione &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Poleepo refused the credentials</source>
        <translation>Poleepo ha rifiutato le credenziali</translation>
    </message>
    <message>
        <source>Poleepo refused the call: the API key lacks the permission for it</source>
        <translation>Poleepo ha rifiutato la chiamata: la chiave API non ha il permesso necessario</translation>
    </message>
    <message>
        <source>Poleepo refused the call: the API key lacks the permission for it (%1)</source>
        <translation>Poleepo ha rifiutato la chiamata: la chiave API non ha il permesso necessario (%1)</translation>
    </message>
    <message>
        <source>Poleepo refused the request: %1</source>
        <translation>Poleepo ha rifiutato la richiesta: %1</translation>
    </message>
    <message>
        <source>cannot reach Poleepo: %1</source>
        <translation>impossibile raggiungere Poleepo: %1</translation>
    </message>
    <message>
        <source>Poleepo has no batch &quot;%1&quot;</source>
        <translation>Poleepo non ha il batch &quot;%1&quot;</translation>
    </message>
    <message>
        <source>the label of Poleepo shipping &quot;%1&quot; is not a PDF</source>
        <translation>l&apos;etichetta della spedizione Poleepo &quot;%1&quot; non è un PDF</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoImportJob</name>
    <message>
        <source>cannot read Poleepo&apos;s orders: %1</source>
        <translation>impossibile leggere gli ordini di Poleepo: %1</translation>
    </message>
    <message>
        <source>Poleepo order %1: %2</source>
        <translation>ordine Poleepo %1: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoOrderImport</name>
    <message>
        <source>a Poleepo order without an id</source>
        <translation>un ordine Poleepo senza id</translation>
    </message>
    <message>
        <source>(row %1 without a SKU)</source>
        <translation>(riga %1 senza SKU)</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoParsers</name>
    <message>
        <source>%1: %2 is missing</source>
        <translation>%1: manca %2</translation>
    </message>
    <message>
        <source>%1: %2 is not text</source>
        <translation>%1: %2 non è un testo</translation>
    </message>
    <message>
        <source>%1: %2 is not a number</source>
        <translation>%1: %2 non è un numero</translation>
    </message>
    <message>
        <source>%1: %2 is not a list</source>
        <translation>%1: %2 non è un elenco</translation>
    </message>
    <message>
        <source>%1: %2 is not an object</source>
        <translation>%1: %2 non è un oggetto</translation>
    </message>
    <message>
        <source>%1: %2 is not an id (text or a whole number)</source>
        <translation>%1: %2 non è un id (testo o numero intero)</translation>
    </message>
    <message>
        <source>%1: %2 is not a date and time</source>
        <translation>%1: %2 non è una data e ora</translation>
    </message>
    <message>
        <source>%1: %2 is &quot;%3&quot;, not one of %4</source>
        <translation>%1: %2 è &quot;%3&quot;, non uno tra %4</translation>
    </message>
    <message>
        <source>%1: the answer is not JSON (%2 at byte %3)</source>
        <translation>%1: la risposta non è JSON (%2 al byte %3)</translation>
    </message>
    <message>
        <source>%1: the answer is not a JSON object</source>
        <translation>%1: la risposta non è un oggetto JSON</translation>
    </message>
    <message>
        <source>Poleepo webhook</source>
        <translation>webhook Poleepo</translation>
    </message>
    <message>
        <source>%1: %2 is not a whole number from 0 to %3</source>
        <translation>%1: %2 non è un numero intero da 0 a %3</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoSession</name>
    <message>
        <source>cannot read the Poleepo credentials (%1): %2</source>
        <translation>impossibile leggere le credenziali Poleepo (%1): %2</translation>
    </message>
    <message>
        <source>the Poleepo credentials are not set: Settings → Poleepo, or `bottega secret set %1`</source>
        <translation>le credenziali Poleepo non sono impostate: Impostazioni → Poleepo, oppure `bottega secret set %1`</translation>
    </message>
</context>
<context>
    <name>Bottega::PoleepoWebhookPanel</name>
    <message>
        <source>Poleepo webhooks</source>
        <translation>Webhook Poleepo</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Aggiungi…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Eventi</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>One record per Poleepo webhook: Poleepo calls its URL and signs each call with the record&apos;s secret key.</source>
        <translation>Una registrazione per ogni webhook Poleepo: Poleepo chiama il suo URL e firma ogni chiamata con la chiave segreta della registrazione.</translation>
    </message>
    <message>
        <source>Webhook records are unavailable: no database.</source>
        <translation>Le registrazioni webhook non sono disponibili: nessun database.</translation>
    </message>
    <message>
        <source>(inactive)</source>
        <translation>(non attivo)</translation>
    </message>
    <message>
        <source>Poleepo webhook %1 saved.</source>
        <translation>Webhook Poleepo %1 salvato.</translation>
    </message>
    <message>
        <source>Remove Poleepo webhook</source>
        <translation>Rimuovi webhook Poleepo</translation>
    </message>
    <message>
        <source>Remove the webhook %1? Poleepo&apos;s calls to its URL will be refused.</source>
        <translation>Rimuovere il webhook %1? Le chiamate di Poleepo al suo URL verranno rifiutate.</translation>
    </message>
    <message>
        <source>Poleepo webhook %1 removed.</source>
        <translation>Webhook Poleepo %1 rimosso.</translation>
    </message>
</context>
<context>
    <name>Bottega::PrintImageRepository</name>
    <message>
        <source>cannot save the placements of product %1</source>
        <translation>impossibile salvare le posizioni di stampa del prodotto %1</translation>
    </message>
    <message>
        <source>cannot save placement &quot;%1&quot; of product %2</source>
        <translation>impossibile salvare la posizione di stampa &quot;%1&quot; del prodotto %2</translation>
    </message>
    <message>
        <source>cannot read the placements of product %1</source>
        <translation>impossibile leggere le posizioni di stampa del prodotto %1</translation>
    </message>
    <message>
        <source>cannot set the print image for &quot;%1&quot;</source>
        <translation>impossibile impostare l&apos;immagine di stampa per &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot set the print image for &quot;%1&quot;: no id returned</source>
        <translation>impossibile impostare l&apos;immagine di stampa per &quot;%1&quot;: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot read the print images of product %1</source>
        <translation>impossibile leggere le immagini di stampa del prodotto %1</translation>
    </message>
    <message>
        <source>cannot remove the print image for &quot;%1&quot;</source>
        <translation>impossibile rimuovere l&apos;immagine di stampa per &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot add an image to product %1</source>
        <translation>impossibile aggiungere un&apos;immagine al prodotto %1</translation>
    </message>
    <message>
        <source>cannot add an image to product %1: no id returned</source>
        <translation>impossibile aggiungere un&apos;immagine al prodotto %1: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot read the images of product %1</source>
        <translation>impossibile leggere le immagini del prodotto %1</translation>
    </message>
    <message>
        <source>cannot remove image %1</source>
        <translation>impossibile rimuovere l&apos;immagine %1</translation>
    </message>
    <message>
        <source>no product image with id %1</source>
        <translation>nessuna immagine di prodotto con id %1</translation>
    </message>
</context>
<context>
    <name>Bottega::PrintImages</name>
    <message>
        <source>print image: no URL or file given</source>
        <translation>immagine di stampa: nessun URL o file indicato</translation>
    </message>
    <message>
        <source>print image: &quot;%1&quot; is not an http(s) URL</source>
        <translation>immagine di stampa: &quot;%1&quot; non è un URL http(s)</translation>
    </message>
    <message>
        <source>print image: &quot;%1&quot; is not a valid URL</source>
        <translation>immagine di stampa: &quot;%1&quot; non è un URL valido</translation>
    </message>
    <message>
        <source>print image: file &quot;%1&quot; not found</source>
        <translation>immagine di stampa: file &quot;%1&quot; non trovato</translation>
    </message>
    <message>
        <source>print image: %1</source>
        <translation>immagine di stampa: %1</translation>
    </message>
    <message>
        <source>print image: &quot;%1&quot; is %2, not PDF, PNG, TIFF, SVG or JPEG</source>
        <translation>immagine di stampa: &quot;%1&quot; è %2, non PDF, PNG, TIFF, SVG o JPEG</translation>
    </message>
    <message>
        <source>print image: no file store to copy &quot;%1&quot; into</source>
        <translation>immagine di stampa: nessun archivio file in cui copiare &quot;%1&quot;</translation>
    </message>
    <message>
        <source>product %1 has no print placements: synchronize its Gelato template first</source>
        <translation>il prodotto %1 non ha posizioni di stampa: sincronizza prima il suo template Gelato</translation>
    </message>
    <message>
        <source>product %1 has no placement &quot;%2&quot; (placements: %3)</source>
        <translation>il prodotto %1 non ha la posizione di stampa &quot;%2&quot; (posizioni: %3)</translation>
    </message>
    <message>
        <source>variant %1 is not a variant of product %2</source>
        <translation>la variante %1 non è una variante del prodotto %2</translation>
    </message>
    <message>
        <source>variant %1: no print image for placement &quot;%2&quot;</source>
        <translation>variante %1: nessuna immagine di stampa per la posizione &quot;%2&quot;</translation>
    </message>
    <message>
        <source>variant %1: no print image for placements %2</source>
        <translation>variante %1: nessuna immagine di stampa per le posizioni %2</translation>
    </message>
    <message>
        <source>print image &quot;%1&quot; (%2): the stored file %3 is missing</source>
        <translation>immagine di stampa &quot;%1&quot; (%2): il file archiviato %3 non esiste</translation>
    </message>
    <message>
        <source>print image &quot;%1&quot;: no public URL of the built-in server to publish it at</source>
        <translation>immagine di stampa &quot;%1&quot;: nessun URL pubblico del server integrato su cui pubblicarla</translation>
    </message>
    <message>
        <source>variant %1 cannot be published on Poleepo: no print image for placement &quot;%2&quot;</source>
        <translation>la variante %1 non può essere pubblicata su Poleepo: nessuna immagine di stampa per la posizione &quot;%2&quot;</translation>
    </message>
    <message>
        <source>variant %1 cannot be published on Poleepo: no print image for placements %2</source>
        <translation>la variante %1 non può essere pubblicata su Poleepo: nessuna immagine di stampa per le posizioni %2</translation>
    </message>
</context>
<context>
    <name>Bottega::PrintImagesPanel</name>
    <message>
        <source>Set image from URL…</source>
        <translation>Imposta immagine da URL…</translation>
    </message>
    <message>
        <source>Set image from file…</source>
        <translation>Imposta immagine da file…</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Posizione</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>Immagine</translation>
    </message>
    <message>
        <source>Product default</source>
        <translation>Predefinita del prodotto</translation>
    </message>
    <message>
        <source>Variant overrides</source>
        <translation>Varianti con immagine propria</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Needs the file store of the running app.</source>
        <translation>Richiede l&apos;archivio file dell&apos;applicazione in esecuzione.</translation>
    </message>
    <message>
        <source>No image</source>
        <translation>Nessuna immagine</translation>
    </message>
    <message>
        <source>✓ Default</source>
        <translation>✓ Predefinita</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Nessuna</translation>
    </message>
    <message numerus="yes">
        <source>Missing for %n variant(s)</source>
        <translation>
            <numerusform>Mancante per %n variante</numerusform>
            <numerusform>Mancante per %n varianti</numerusform>
        </translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Mancante</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completo</translation>
    </message>
    <message>
        <source>This product has no print placements: synchronize it with its Gelato template first.</source>
        <translation>Questo prodotto non ha posizioni di stampa: sincronizzalo prima con il suo template Gelato.</translation>
    </message>
    <message>
        <source>Set print image</source>
        <translation>Imposta immagine di stampa</translation>
    </message>
    <message>
        <source>URL of the image for &quot;%1&quot; (http or https):</source>
        <translation>URL dell&apos;immagine per &quot;%1&quot; (http o https):</translation>
    </message>
    <message>
        <source>Print image for &quot;%1&quot;</source>
        <translation>Immagine di stampa per &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Print files (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)</source>
        <translation>File di stampa (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Remove image</source>
        <translation>Rimuovi immagine</translation>
    </message>
    <message>
        <source>No database: print images cannot be changed.</source>
        <translation>Nessun database: le immagini di stampa non possono essere modificate.</translation>
    </message>
    <message>
        <source>Select a placement first.</source>
        <translation>Seleziona prima una posizione di stampa.</translation>
    </message>
    <message>
        <source>This placement has no default image to remove.</source>
        <translation>Questa posizione di stampa non ha un&apos;immagine predefinita da rimuovere.</translation>
    </message>
    <message>
        <source>Remove the product&apos;s default image of this placement.</source>
        <translation>Rimuovi l&apos;immagine predefinita del prodotto per questa posizione.</translation>
    </message>
    <message numerus="yes">
        <source>Without this image, %n published variant(s) would have nothing to print on &quot;%1&quot; and will be unpublished from Poleepo: %2. Remove the image and unpublish them?</source>
        <translation>
            <numerusform>Senza questa immagine, %n variante pubblicata non avrebbe nulla da stampare su &quot;%1&quot; e verrà rimossa da Poleepo: %2. Rimuovere l&apos;immagine e annullarne la pubblicazione?</numerusform>
            <numerusform>Senza questa immagine, %n varianti pubblicate non avrebbero nulla da stampare su &quot;%1&quot; e verranno rimosse da Poleepo: %2. Rimuovere l&apos;immagine e annullarne la pubblicazione?</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove print image</source>
        <translation>Rimuovi immagine di stampa</translation>
    </message>
    <message numerus="yes">
        <source>Image removed; %n variant(s) unpublished from Poleepo.</source>
        <translation>
            <numerusform>Immagine rimossa; %n variante non più pubblicata su Poleepo.</numerusform>
            <numerusform>Immagine rimossa; %n varianti non più pubblicate su Poleepo.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::ProductBatchRepository</name>
    <message>
        <source>cannot save a product batch</source>
        <translation>impossibile salvare un lotto di prodotti</translation>
    </message>
    <message>
        <source>cannot save a product batch: no id returned</source>
        <translation>impossibile salvare un lotto di prodotti: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot save batch item %1</source>
        <translation>impossibile salvare l&apos;elemento %1 del lotto</translation>
    </message>
    <message>
        <source>cannot read product batch %1</source>
        <translation>impossibile leggere il lotto di prodotti %1</translation>
    </message>
    <message>
        <source>no product batch with id %1</source>
        <translation>nessun lotto di prodotti con id %1</translation>
    </message>
    <message>
        <source>cannot read the items of product batch %1</source>
        <translation>impossibile leggere gli elementi del lotto di prodotti %1</translation>
    </message>
    <message>
        <source>cannot read the product batches</source>
        <translation>impossibile leggere i lotti di prodotti</translation>
    </message>
    <message>
        <source>cannot save product batch %1</source>
        <translation>impossibile salvare il lotto di prodotti %1</translation>
    </message>
    <message>
        <source>no batch item with id %1</source>
        <translation>nessun elemento di lotto con id %1</translation>
    </message>
    <message>
        <source>cannot read the batch history of product %1</source>
        <translation>impossibile leggere lo storico dei lotti del prodotto %1</translation>
    </message>
    <message>
        <source>cannot delete product batch %1</source>
        <translation>impossibile eliminare il lotto di prodotti %1</translation>
    </message>
    <message>
        <source>cannot count the product batches</source>
        <translation>impossibile contare i lotti di prodotti</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductCsv</name>
    <message>
        <source>cannot write &quot;%1&quot;: %2</source>
        <translation>impossibile scrivere &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>cannot read &quot;%1&quot;: %2</source>
        <translation>impossibile leggere &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>the file is empty: it needs a header row</source>
        <translation>il file è vuoto: serve una riga di intestazione</translation>
    </message>
    <message>
        <source>&quot;%1&quot; or &quot;%2&quot;</source>
        <translation>&quot;%1&quot; o &quot;%2&quot;</translation>
    </message>
    <message>
        <source>missing column %1</source>
        <translation>manca la colonna %1</translation>
    </message>
    <message>
        <source>Variant ID &quot;%1&quot; is not a number</source>
        <translation>Variant ID &quot;%1&quot; non è un numero</translation>
    </message>
    <message>
        <source>no variant with Variant ID %1</source>
        <translation>nessuna variante con Variant ID %1</translation>
    </message>
    <message>
        <source>Variant ID %1 has SKU &quot;%2&quot;, not &quot;%3&quot;</source>
        <translation>Variant ID %1 ha lo SKU &quot;%2&quot;, non &quot;%3&quot;</translation>
    </message>
    <message>
        <source>unknown SKU &quot;%1&quot;</source>
        <translation>SKU &quot;%1&quot; sconosciuto</translation>
    </message>
    <message>
        <source>no Variant ID or SKU to find the variant by</source>
        <translation>manca Variant ID o SKU con cui trovare la variante</translation>
    </message>
    <message>
        <source>Product UID &quot;%1&quot; is not a Gelato product UID (letters, digits, &quot;_&quot;, &quot;-&quot; and &quot;.&quot; only)</source>
        <translation>Product UID &quot;%1&quot; non è un UID di prodotto Gelato (solo lettere, cifre, &quot;_&quot;, &quot;-&quot; e &quot;.&quot;)</translation>
    </message>
    <message>
        <source>Design File URL &quot;%1&quot; is not an http(s) URL</source>
        <translation>Design File URL &quot;%1&quot; non è un URL http(s)</translation>
    </message>
    <message>
        <source>variant %1 is already mapped on row %2</source>
        <translation>la variante %1 è già associata alla riga %2</translation>
    </message>
    <message>
        <source>product %1 has no print placements: synchronize its Gelato template before mapping a Design File URL</source>
        <translation>il prodotto %1 non ha posizioni di stampa: sincronizza il suo template Gelato prima di associare un Design File URL</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductEditing</name>
    <message>
        <source>&quot;%1&quot; is a product field, not a variant field (variant fields: %2)</source>
        <translation>&quot;%1&quot; è un campo del prodotto, non della variante (campi della variante: %2)</translation>
    </message>
    <message>
        <source>&quot;price-extra&quot; is a variant field: give --variant VID</source>
        <translation>&quot;price-extra&quot; è un campo della variante: indica --variant VID</translation>
    </message>
    <message>
        <source>variant %1 is not a variant of product %2</source>
        <translation>la variante %1 non è una variante del prodotto %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is a variant field: give --variant VID</source>
        <translation>&quot;%1&quot; è un campo della variante: indica --variant VID</translation>
    </message>
    <message>
        <source>&quot;published&quot; is not edited here: publishing on Poleepo checks the print images (product set ID published true|false)</source>
        <translation>&quot;published&quot; non si modifica qui: la pubblicazione su Poleepo controlla le immagini di stampa (product set ID published true|false)</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductEditorDialog</name>
    <message>
        <source>General</source>
        <translation>Generale</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>Varianti</translation>
    </message>
    <message>
        <source>Print images</source>
        <translation>Immagini di stampa</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvato.</translation>
    </message>
    <message>
        <source>Gelato</source>
        <translation>Gelato</translation>
    </message>
    <message>
        <source>Template Reference from Gelato&apos;s dashboard</source>
        <translation>Riferimento template (Template Reference) dalla dashboard di Gelato</translation>
    </message>
    <message>
        <source>Synchronize</source>
        <translation>Sincronizza</translation>
    </message>
    <message>
        <source>Needs a connection to Gelato: set it up on the Settings page.</source>
        <translation>Richiede una connessione a Gelato: configurala nella pagina Impostazioni.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Template Reference:</source>
        <translation>Riferimento template:</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>SKU:</translation>
    </message>
    <message>
        <source>Internal code:</source>
        <translation>Codice interno:</translation>
    </message>
    <message>
        <source>EAN:</source>
        <translation>EAN:</translation>
    </message>
    <message>
        <source>Category:</source>
        <translation>Categoria:</translation>
    </message>
    <message>
        <source>List price:</source>
        <translation>Prezzo di listino:</translation>
    </message>
    <message>
        <source>VAT rate:</source>
        <translation>Aliquota IVA:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Quantità:</translation>
    </message>
    <message>
        <source>Weight (g):</source>
        <translation>Peso (g):</translation>
    </message>
    <message>
        <source>Short description:</source>
        <translation>Descrizione breve:</translation>
    </message>
    <message>
        <source>Description:</source>
        <translation>Descrizione:</translation>
    </message>
    <message>
        <source>Configure…</source>
        <translation>Configura…</translation>
    </message>
    <message>
        <source>No database: the product cannot be read.</source>
        <translation>Nessun database: impossibile leggere il prodotto.</translation>
    </message>
    <message numerus="yes">
        <source>Print images (%n missing)</source>
        <translation>
            <numerusform>Immagini di stampa (%n mancante)</numerusform>
            <numerusform>Immagini di stampa (%n mancanti)</numerusform>
        </translation>
    </message>
    <message>
        <source>Variants (%1)</source>
        <translation>Varianti (%1)</translation>
    </message>
    <message>
        <source>Product: %1</source>
        <translation>Prodotto: %1</translation>
    </message>
    <message>
        <source>Not linked to a Gelato template.</source>
        <translation>Non collegato a un template Gelato.</translation>
    </message>
    <message>
        <source>Linked to Gelato template %1.</source>
        <translation>Collegato al template Gelato %1.</translation>
    </message>
    <message>
        <source>Template Reference: enter the id of the Gelato template first.</source>
        <translation>Riferimento template: inserisci prima l&apos;id del template Gelato.</translation>
    </message>
    <message>
        <source>Synchronizing with Gelato template %1…</source>
        <translation>Sincronizzazione con il template Gelato %1…</translation>
    </message>
    <message>
        <source>Already up to date: nothing changed.</source>
        <translation>Già aggiornato: nessuna modifica.</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) created</source>
        <translation>
            <numerusform>%n variante creata</numerusform>
            <numerusform>%n varianti create</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) updated</source>
        <translation>
            <numerusform>%n variante aggiornata</numerusform>
            <numerusform>%n varianti aggiornate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n updated</source>
        <translation>
            <numerusform>%n aggiornata</numerusform>
            <numerusform>%n aggiornate</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) removed</source>
        <translation>
            <numerusform>%n variante rimossa</numerusform>
            <numerusform>%n varianti rimosse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n removed</source>
        <translation>
            <numerusform>%n rimossa</numerusform>
            <numerusform>%n rimosse</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n archived because on an order</source>
        <translation>
            <numerusform>%n archiviata perché presente in un ordine</numerusform>
            <numerusform>%n archiviate perché presenti in ordini</numerusform>
        </translation>
    </message>
    <message>
        <source>Product updated from the template.</source>
        <translation>Prodotto aggiornato dal template.</translation>
    </message>
    <message>
        <source>Publish on Poleepo</source>
        <translation>Pubblica su Poleepo</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>Annulla pubblicazione</translation>
    </message>
    <message>
        <source>Edits the selected variant&apos;s print images, price extra and codes</source>
        <translation>Modifica immagini di stampa, sovrapprezzo e codici della variante selezionata</translation>
    </message>
    <message>
        <source>Select one variant to configure it.</source>
        <translation>Seleziona una variante per configurarla.</translation>
    </message>
    <message>
        <source>No database: the product cannot be changed.</source>
        <translation>Nessun database: il prodotto non può essere modificato.</translation>
    </message>
    <message>
        <source>Select one or more variants first.</source>
        <translation>Seleziona prima una o più varianti.</translation>
    </message>
    <message>
        <source>This variant is already published on Poleepo.</source>
        <translation>Questa variante è già pubblicata su Poleepo.</translation>
    </message>
    <message>
        <source>The selected variants are already published on Poleepo.</source>
        <translation>Le varianti selezionate sono già pubblicate su Poleepo.</translation>
    </message>
    <message>
        <source>Publish the selected variants on Poleepo: they are sent with the next product batch.</source>
        <translation>Pubblica le varianti selezionate su Poleepo: vengono inviate con il prossimo lotto di prodotti.</translation>
    </message>
    <message>
        <source>This variant is not published on Poleepo.</source>
        <translation>Questa variante non è pubblicata su Poleepo.</translation>
    </message>
    <message>
        <source>None of the selected variants is published on Poleepo.</source>
        <translation>Nessuna delle varianti selezionate è pubblicata su Poleepo.</translation>
    </message>
    <message>
        <source>Stop publishing the selected variants on Poleepo.</source>
        <translation>Interrompi la pubblicazione delle varianti selezionate su Poleepo.</translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) published on Poleepo: sent with the next product batch.</source>
        <translation>
            <numerusform>%n variante pubblicata su Poleepo: verrà inviata con il prossimo lotto di prodotti.</numerusform>
            <numerusform>%n varianti pubblicate su Poleepo: verranno inviate con il prossimo lotto di prodotti.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n variant(s) no longer published on Poleepo.</source>
        <translation>
            <numerusform>%n variante non più pubblicata su Poleepo.</numerusform>
            <numerusform>%n varianti non più pubblicate su Poleepo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancelling the synchronization…</source>
        <translation>Annullamento della sincronizzazione…</translation>
    </message>
    <message>
        <source>Wait until the synchronization has ended.</source>
        <translation>Attendi la fine della sincronizzazione.</translation>
    </message>
    <message>
        <source>Synchronization cancelled: nothing was changed.</source>
        <translation>Sincronizzazione annullata: non è stato modificato nulla.</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductListPage</name>
    <message>
        <source>New from Gelato template…</source>
        <translation>Nuovo da template Gelato…</translation>
    </message>
    <message>
        <source>Gelato catalog…</source>
        <translation>Catalogo Gelato…</translation>
    </message>
    <message>
        <source>Search name, SKU, EAN or template…</source>
        <translation>Cerca per nome, SKU, EAN o template…</translation>
    </message>
    <message>
        <source>All products</source>
        <translation>Tutti i prodotti</translation>
    </message>
    <message>
        <source>Linked to Gelato</source>
        <translation>Collegati a Gelato</translation>
    </message>
    <message>
        <source>Print images missing</source>
        <translation>Immagini di stampa mancanti</translation>
    </message>
    <message>
        <source>Published on Poleepo</source>
        <translation>Pubblicati su Poleepo</translation>
    </message>
    <message>
        <source>Needs update</source>
        <translation>Da aggiornare</translation>
    </message>
    <message>
        <source>Needs a connection to Gelato: set it up on the Settings page.</source>
        <translation>Richiede una connessione a Gelato: configurala nella pagina Impostazioni.</translation>
    </message>
    <message>
        <source>Products</source>
        <translation>Prodotti</translation>
    </message>
    <message>
        <source>Products and their variants; double-click one to edit it.</source>
        <translation>Prodotti e relative varianti; fai doppio clic su un prodotto per modificarlo.</translation>
    </message>
    <message>
        <source>No database: products are unavailable.</source>
        <translation>Nessun database: i prodotti non sono disponibili.</translation>
    </message>
    <message>
        <source>New from Gelato template</source>
        <translation>Nuovo da template Gelato</translation>
    </message>
    <message>
        <source>Template Reference (the template&apos;s id in Gelato&apos;s dashboard):</source>
        <translation>Riferimento template (Template Reference, l&apos;id del template nella dashboard di Gelato):</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s)</source>
        <translation>
            <numerusform>%n prodotto</numerusform>
            <numerusform>%n prodotti</numerusform>
        </translation>
    </message>
    <message>
        <source>Publish on Poleepo</source>
        <translation>Pubblica su Poleepo</translation>
    </message>
    <message>
        <source>Unpublish</source>
        <translation>Annulla pubblicazione</translation>
    </message>
    <message>
        <source>Select one or more products first.</source>
        <translation>Seleziona prima uno o più prodotti.</translation>
    </message>
    <message>
        <source>Publish the selected products on Poleepo with all their variants; each variant needs complete print images.</source>
        <translation>Pubblica su Poleepo i prodotti selezionati con tutte le loro varianti; ogni variante richiede immagini di stampa complete.</translation>
    </message>
    <message>
        <source>This product is not published on Poleepo.</source>
        <translation>Questo prodotto non è pubblicato su Poleepo.</translation>
    </message>
    <message>
        <source>None of the selected products is published on Poleepo.</source>
        <translation>Nessuno dei prodotti selezionati è pubblicato su Poleepo.</translation>
    </message>
    <message>
        <source>Stop publishing the selected products and all their variants on Poleepo.</source>
        <translation>Interrompi la pubblicazione su Poleepo dei prodotti selezionati e di tutte le loro varianti.</translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) published on Poleepo with their variants: sent with the next product batch.</source>
        <translation>
            <numerusform>%n prodotto pubblicato su Poleepo con le sue varianti: inviato con il prossimo lotto di prodotti.</numerusform>
            <numerusform>%n prodotti pubblicati su Poleepo con le loro varianti: inviati con il prossimo lotto di prodotti.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n product(s) no longer published on Poleepo.</source>
        <translation>
            <numerusform>%n prodotto non più pubblicato su Poleepo.</numerusform>
            <numerusform>%n prodotti non più pubblicati su Poleepo.</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Stop the synchronization: nothing of it is kept.</source>
        <translation>Interrompe la sincronizzazione: non ne viene conservato nulla.</translation>
    </message>
    <message>
        <source>Cancelling the synchronization…</source>
        <translation>Annullamento della sincronizzazione…</translation>
    </message>
    <message>
        <source>Synchronization cancelled: nothing was stored.</source>
        <translation>Sincronizzazione annullata: non è stato salvato nulla.</translation>
    </message>
    <message numerus="yes">
        <source>…and %n more.</source>
        <translation>
            <numerusform>…e %n altro.</numerusform>
            <numerusform>…e altri %n.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::ProductRepository</name>
    <message>
        <source>cannot save product &quot;%1&quot;</source>
        <translation>impossibile salvare il prodotto &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save product &quot;%1&quot;: no id returned</source>
        <translation>impossibile salvare il prodotto &quot;%1&quot;: nessun id restituito</translation>
    </message>
    <message>
        <source>product &quot;%1&quot;: a variant&apos;s print image can only be set once the variant is stored</source>
        <translation>prodotto &quot;%1&quot;: l&apos;immagine di stampa di una variante si può impostare solo dopo aver salvato la variante</translation>
    </message>
    <message>
        <source>cannot read product %1</source>
        <translation>impossibile leggere il prodotto %1</translation>
    </message>
    <message>
        <source>no product with id %1</source>
        <translation>nessun prodotto con id %1</translation>
    </message>
    <message>
        <source>cannot read the products</source>
        <translation>impossibile leggere i prodotti</translation>
    </message>
    <message>
        <source>cannot count the products</source>
        <translation>impossibile contare i prodotti</translation>
    </message>
    <message>
        <source>cannot look up Gelato template %1</source>
        <translation>impossibile cercare il template Gelato %1</translation>
    </message>
    <message>
        <source>cannot mark the variants of &quot;%1&quot; for update</source>
        <translation>impossibile contrassegnare le varianti di &quot;%1&quot; da aggiornare</translation>
    </message>
    <message>
        <source>cannot read the attributes of product %1</source>
        <translation>impossibile leggere gli attributi del prodotto %1</translation>
    </message>
    <message>
        <source>cannot save attribute &quot;%1&quot;</source>
        <translation>impossibile salvare l&apos;attributo &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save attribute &quot;%1&quot;: no id returned</source>
        <translation>impossibile salvare l&apos;attributo &quot;%1&quot;: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot save value &quot;%1&quot; of attribute &quot;%2&quot;</source>
        <translation>impossibile salvare il valore &quot;%1&quot; dell&apos;attributo &quot;%2&quot;</translation>
    </message>
    <message>
        <source>cannot remove value &quot;%1&quot;</source>
        <translation>impossibile rimuovere il valore &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot remove attribute &quot;%1&quot;</source>
        <translation>impossibile rimuovere l&apos;attributo &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot archive product %1</source>
        <translation>impossibile archiviare il prodotto %1</translation>
    </message>
    <message>
        <source>cannot delete product %1</source>
        <translation>impossibile eliminare il prodotto %1</translation>
    </message>
    <message>
        <source>product %1 has variants on orders and cannot be deleted; archive it instead</source>
        <translation>il prodotto %1 ha varianti presenti in ordini e non può essere eliminato; archivialo invece</translation>
    </message>
</context>
<context>
    <name>Bottega::ProductTableModel</name>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Nome</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Prezzo</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantità</translation>
    </message>
    <message>
        <source>Gelato template</source>
        <translation>Template Gelato</translation>
    </message>
    <message>
        <source>On Poleepo</source>
        <translation>Su Poleepo</translation>
    </message>
    <message>
        <source>Needs update</source>
        <translation>Da aggiornare</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Ultimo aggiornamento</translation>
    </message>
</context>
<context>
    <name>Bottega::Publishing</name>
    <message>
        <source>no variant selected</source>
        <translation>nessuna variante selezionata</translation>
    </message>
    <message>
        <source>no product selected</source>
        <translation>nessun prodotto selezionato</translation>
    </message>
    <message>
        <source>product %1 has no print image for placement &quot;%2&quot;%3</source>
        <translation>il prodotto %1 non ha un&apos;immagine di stampa per la posizione &quot;%2&quot;%3</translation>
    </message>
    <message>
        <source> on variant %1</source>
        <translation> sulla variante %1</translation>
    </message>
    <message>
        <source>variant %1 is archived (no longer sold): it cannot be published on Poleepo</source>
        <translation>la variante %1 è archiviata (non più in vendita): non può essere pubblicata su Poleepo</translation>
    </message>
    <message>
        <source>product %1 &quot;%2&quot; has no variants, and a product without variants cannot be published on Poleepo: synchronize it with its Gelato template first</source>
        <translation>il prodotto %1 &quot;%2&quot; non ha varianti, e un prodotto senza varianti non può essere pubblicato su Poleepo: sincronizzalo prima con il suo template Gelato</translation>
    </message>
    <message>
        <source>product %1 &quot;%2&quot; cannot be published on Poleepo: all its variants are archived</source>
        <translation>il prodotto %1 &quot;%2&quot; non può essere pubblicato su Poleepo: tutte le sue varianti sono archiviate</translation>
    </message>
</context>
<context>
    <name>Bottega::PublishingRepository</name>
    <message>
        <source>cannot read the variants to send to Poleepo</source>
        <translation>impossibile leggere le varianti da inviare a Poleepo</translation>
    </message>
    <message>
        <source>cannot count the status requests of batch %1</source>
        <translation>impossibile contare le richieste di stato del lotto %1</translation>
    </message>
    <message>
        <source>cannot record a status request of batch %1</source>
        <translation>impossibile registrare una richiesta di stato del lotto %1</translation>
    </message>
    <message>
        <source>cannot store the Poleepo product id of %1</source>
        <translation>impossibile salvare l&apos;id prodotto Poleepo di %1</translation>
    </message>
    <message>
        <source>cannot mark batch item %1 as sent again</source>
        <translation>impossibile segnare l&apos;articolo di lotto %1 come reinviato</translation>
    </message>
</context>
<context>
    <name>Bottega::Runtime</name>
    <message>
        <source>cannot create the data dir %1</source>
        <translation>impossibile creare la cartella dati %1</translation>
    </message>
    <message>
        <source>Bottega is already running with the data dir %1 (pid %2)</source>
        <translation>Bottega è già in esecuzione con la cartella dati %1 (pid %2)</translation>
    </message>
    <message>
        <source>cannot lock the data dir %1</source>
        <translation>impossibile bloccare la cartella dati %1</translation>
    </message>
    <message>
        <source>--listen: %1</source>
        <translation>--listen: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::SalesOrderRepository</name>
    <message>
        <source>an order with reference &quot;%1&quot; already exists</source>
        <translation>esiste già un ordine con riferimento &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save order &quot;%1&quot;</source>
        <translation>impossibile salvare l&apos;ordine &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save order &quot;%1&quot;: no id returned</source>
        <translation>impossibile salvare l&apos;ordine &quot;%1&quot;: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot save the lines of order %1</source>
        <translation>impossibile salvare le righe dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot save line %1 (%2) of order %3</source>
        <translation>impossibile salvare la riga %1 (%2) dell&apos;ordine %3</translation>
    </message>
    <message>
        <source>cannot read order %1</source>
        <translation>impossibile leggere l&apos;ordine %1</translation>
    </message>
    <message>
        <source>no order with id %1</source>
        <translation>nessun ordine con id %1</translation>
    </message>
    <message>
        <source>cannot read the lines of order %1</source>
        <translation>impossibile leggere le righe dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot look up order &quot;%1&quot;</source>
        <translation>impossibile cercare l&apos;ordine &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot look up Poleepo order %1</source>
        <translation>impossibile cercare l&apos;ordine Poleepo %1</translation>
    </message>
    <message>
        <source>cannot read the orders</source>
        <translation>impossibile leggere gli ordini</translation>
    </message>
    <message>
        <source>cannot count the orders</source>
        <translation>impossibile contare gli ordini</translation>
    </message>
    <message>
        <source>cannot save the Gelato item of line %1</source>
        <translation>impossibile salvare l&apos;articolo Gelato della riga %1</translation>
    </message>
    <message>
        <source>no order line with id %1</source>
        <translation>nessuna riga d&apos;ordine con id %1</translation>
    </message>
    <message>
        <source>cannot read the state of order %1</source>
        <translation>impossibile leggere lo stato dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot change the state of order %1</source>
        <translation>impossibile modificare lo stato dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot delete order %1</source>
        <translation>impossibile eliminare l&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot read the orders&apos; channels</source>
        <translation>impossibile leggere i canali degli ordini</translation>
    </message>
</context>
<context>
    <name>Bottega::Scheduler</name>
    <message>
        <source>Clean up the API log</source>
        <translation>Pulizia del registro API</translation>
    </message>
    <message>
        <source>unknown job &quot;%1&quot;; known jobs: %2</source>
        <translation>attività &quot;%1&quot; sconosciuta; attività disponibili: %2</translation>
    </message>
    <message>
        <source>%1 is already running</source>
        <translation>%1 è già in esecuzione</translation>
    </message>
    <message>
        <source>%1 is already running in another process</source>
        <translation>%1 è già in esecuzione in un altro processo</translation>
    </message>
    <message>
        <source>the job has nothing to run</source>
        <translation>l&apos;attività non ha nulla da eseguire</translation>
    </message>
    <message>
        <source>%1: interval %2 s is out of range 0–%3 s</source>
        <translation>%1: l&apos;intervallo di %2 s non è compreso tra 0 e %3 s</translation>
    </message>
    <message>
        <source>%1 cannot be manual only: its interval must be at least %2 s</source>
        <translation>%1 non può essere solo manuale: il suo intervallo deve essere di almeno %2 s</translation>
    </message>
    <message>
        <source>%1: interval %2 s is below the minimum of %3 s</source>
        <translation>%1: l&apos;intervallo di %2 s è inferiore al minimo di %3 s</translation>
    </message>
    <message>
        <source>Process the webhook queue</source>
        <translation>Elaborazione della coda webhook</translation>
    </message>
    <message>
        <source>Clean up the webhook queue</source>
        <translation>Pulizia della coda webhook</translation>
    </message>
    <message>
        <source>Reconcile Gelato orders</source>
        <translation>Riconciliazione degli ordini Gelato</translation>
    </message>
    <message>
        <source>Generate Poleepo product batches</source>
        <translation>Genera i lotti di prodotti Poleepo</translation>
    </message>
    <message>
        <source>Poll Poleepo product batches</source>
        <translation>Controlla i lotti di prodotti Poleepo</translation>
    </message>
    <message>
        <source>Import Poleepo orders</source>
        <translation>Importa gli ordini Poleepo</translation>
    </message>
    <message>
        <source>Cleaning the API log</source>
        <translation>Pulizia del registro API</translation>
    </message>
    <message>
        <source>Generating Poleepo product batches</source>
        <translation>Generazione dei lotti di prodotti Poleepo</translation>
    </message>
    <message>
        <source>Polling Poleepo product batches</source>
        <translation>Verifica dei lotti di prodotti Poleepo</translation>
    </message>
    <message>
        <source>Importing Poleepo orders</source>
        <translation>Importazione degli ordini Poleepo</translation>
    </message>
    <message>
        <source>Reconciling Gelato orders</source>
        <translation>Riconciliazione degli ordini Gelato</translation>
    </message>
    <message>
        <source>Cleaning the webhook queue</source>
        <translation>Pulizia della coda webhook</translation>
    </message>
</context>
<context>
    <name>Bottega::SchedulerPage</name>
    <message>
        <source>Run now</source>
        <translation>Esegui ora</translation>
    </message>
    <message>
        <source>Disable</source>
        <translation>Disabilita</translation>
    </message>
    <message>
        <source>Change interval…</source>
        <translation>Modifica intervallo…</translation>
    </message>
    <message>
        <source>Enable</source>
        <translation>Abilita</translation>
    </message>
    <message>
        <source>Scheduler</source>
        <translation>Pianificazione</translation>
    </message>
    <message>
        <source>Jobs that run by themselves in the background, here and in &quot;bottega serve&quot;. Two programs sharing the database never run the same job at once.</source>
        <translation>Attività eseguite automaticamente in background, qui e in &quot;bottega serve&quot;. Due programmi che condividono il database non eseguono mai la stessa attività contemporaneamente.</translation>
    </message>
    <message>
        <source>The scheduler is not running in this window.</source>
        <translation>La pianificazione non è attiva in questa finestra.</translation>
    </message>
    <message>
        <source>Running &quot;%1&quot;…</source>
        <translation>Esecuzione di &quot;%1&quot;…</translation>
    </message>
    <message>
        <source>&quot;%1&quot; finished.</source>
        <translation>&quot;%1&quot; completata.</translation>
    </message>
    <message>
        <source>&quot;%1&quot; finished: %2</source>
        <translation>&quot;%1&quot; completata: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; failed: %2</source>
        <translation>&quot;%1&quot; non riuscita: %2</translation>
    </message>
    <message>
        <source>the scheduler page is closed</source>
        <translation>la pagina della pianificazione è chiusa</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: %2</source>
        <translation>&quot;%1&quot;: %2</translation>
    </message>
</context>
<context>
    <name>Bottega::SecretChain</name>
    <message>
        <source>no secret store is configured</source>
        <translation>nessun archivio dei segreti configurato</translation>
    </message>
    <message>
        <source>no secret store can save secrets (%1: read-only); start a keyring service such as gnome-keyring, or provide the secret as a credential file or BOTTEGA_* variable</source>
        <translation>nessun archivio dei segreti può salvare segreti (%1: sola lettura); avvia un servizio portachiavi come gnome-keyring, oppure fornisci il segreto come file di credenziali o variabile BOTTEGA_*</translation>
    </message>
</context>
<context>
    <name>Bottega::SecretField</name>
    <message>
        <source>Set, in the system keychain</source>
        <translation>Impostato, nel portachiavi di sistema</translation>
    </message>
    <message>
        <source>Set, in the credentials directory</source>
        <translation>Impostato, nella directory delle credenziali</translation>
    </message>
    <message>
        <source>Set, from an environment variable</source>
        <translation>Impostato, da una variabile d&apos;ambiente</translation>
    </message>
    <message>
        <source>Set, in memory only</source>
        <translation>Impostato, solo in memoria</translation>
    </message>
    <message>
        <source>Set</source>
        <translation>Impostato</translation>
    </message>
    <message>
        <source>Set (%1)</source>
        <translation>Impostato (%1)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Annulla</translation>
    </message>
    <message>
        <source>Change…</source>
        <translation>Modifica…</translation>
    </message>
    <message>
        <source>The secret store cannot be written here; use &quot;bottega secret set %1&quot; or the environment variable instead.</source>
        <translation>Qui non è possibile scrivere nell&apos;archivio dei segreti; usa invece &quot;bottega secret set %1&quot; o la variabile d&apos;ambiente.</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>Salvataggio…</translation>
    </message>
    <message>
        <source>Type the new value</source>
        <translation>Digita il nuovo valore</translation>
    </message>
    <message>
        <source>No secret store</source>
        <translation>Nessun archivio dei segreti</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Verifica…</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Non impostato</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Sconosciuto</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>Non salvato: %1</translation>
    </message>
    <message>
        <source>Cannot tell whether it is set: %1</source>
        <translation>Impossibile stabilire se è impostato: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::SecretNames</name>
    <message>
        <source>&quot;%1&quot; needs a webhook name after the last dot, as poleepo.webhook-secret.orders</source>
        <translation>&quot;%1&quot; richiede il nome di un webhook dopo l&apos;ultimo punto, come poleepo.webhook-secret.orders</translation>
    </message>
    <message>
        <source>&quot;%1&quot;: a webhook name may contain only letters, digits, &apos;-&apos; and &apos;_&apos;</source>
        <translation>&quot;%1&quot;: il nome di un webhook può contenere solo lettere, cifre, &apos;-&apos; e &apos;_&apos;</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a secret name; the names are %2 and poleepo.webhook-secret.&lt;webhook-name&gt;</source>
        <translation>&quot;%1&quot; non è il nome di un segreto; i nomi sono %2 e poleepo.webhook-secret.&lt;nome-webhook&gt;</translation>
    </message>
</context>
<context>
    <name>Bottega::Server</name>
    <message>
        <source>the request body is larger than the limit of %1 bytes</source>
        <translation>il corpo della richiesta supera il limite di %1 byte</translation>
    </message>
    <message>
        <source>the request line is not HTTP/1.1</source>
        <translation>la riga di richiesta non è HTTP/1.1</translation>
    </message>
    <message>
        <source>the Content-Length header is not a single number</source>
        <translation>l&apos;header Content-Length non è un singolo numero</translation>
    </message>
    <message>
        <source>Content-Length and Transfer-Encoding must not come together</source>
        <translation>Content-Length e Transfer-Encoding non devono essere presenti insieme</translation>
    </message>
    <message>
        <source>the address is already in use</source>
        <translation>l&apos;indirizzo è già in uso</translation>
    </message>
    <message>
        <source>permission denied (ports below 1024 need administrator rights)</source>
        <translation>permesso negato (le porte sotto la 1024 richiedono i privilegi di amministratore)</translation>
    </message>
    <message>
        <source>the address does not belong to this machine</source>
        <translation>l&apos;indirizzo non appartiene a questa macchina</translation>
    </message>
    <message>
        <source>cannot listen on %1: %2</source>
        <translation>impossibile mettersi in ascolto su %1: %2</translation>
    </message>
    <message>
        <source>no such path: %1</source>
        <translation>percorso inesistente: %1</translation>
    </message>
    <message>
        <source>%1 is not allowed on %2 (allowed: %3)</source>
        <translation>%1 non è consentito su %2 (consentiti: %3)</translation>
    </message>
    <message>
        <source>cannot read the file: %1</source>
        <translation>impossibile leggere il file: %1</translation>
    </message>
    <message>
        <source>the client closed the connection before the answer</source>
        <translation>il client ha chiuso la connessione prima della risposta</translation>
    </message>
    <message>
        <source>the request was not answered</source>
        <translation>la richiesta non ha ricevuto risposta</translation>
    </message>
    <message>
        <source>the request head is too large</source>
        <translation>l&apos;intestazione della richiesta è troppo grande</translation>
    </message>
    <message>
        <source>the chunked body is not well formed</source>
        <translation>il corpo a blocchi (chunked) non è ben formato</translation>
    </message>
</context>
<context>
    <name>Bottega::Settings</name>
    <message>
        <source>Whether Bottega talks to Gelato (products, orders, shipping).</source>
        <translation>Se Bottega comunica con Gelato (prodotti, ordini, spedizioni).</translation>
    </message>
    <message>
        <source>Base URL of the Gelato Order API.</source>
        <translation>URL di base della Gelato Order API.</translation>
    </message>
    <message>
        <source>Base URL of the Gelato Product API.</source>
        <translation>URL di base della Gelato Product API.</translation>
    </message>
    <message>
        <source>Base URL of the Gelato E-commerce API (templates, store products).</source>
        <translation>URL di base della Gelato E-commerce API (template, prodotti del negozio).</translation>
    </message>
    <message>
        <source>Base URL of the Gelato Shipment API.</source>
        <translation>URL di base della Gelato Shipment API.</translation>
    </message>
    <message>
        <source>Whether Bottega talks to Poleepo (catalogue, orders, shipping).</source>
        <translation>Se Bottega comunica con Poleepo (catalogo, ordini, spedizioni).</translation>
    </message>
    <message>
        <source>Base URL of the Poleepo API.</source>
        <translation>URL di base dell&apos;API di Poleepo.</translation>
    </message>
    <message>
        <source>Address (HOST:PORT) the built-in webhook and file server listens on.</source>
        <translation>Indirizzo (HOST:PORT) su cui è in ascolto il server integrato per webhook e file.</translation>
    </message>
    <message>
        <source>URL at which Gelato and Poleepo reach the built-in server; empty means http://&lt;server.listen&gt;.</source>
        <translation>URL a cui Gelato e Poleepo raggiungono il server integrato; se vuoto, http://&lt;server.listen&gt;.</translation>
    </message>
    <message>
        <source>Company name, as on orders and invoices.</source>
        <translation>Ragione sociale, come riportata su ordini e fatture.</translation>
    </message>
    <message>
        <source>Company billing address.</source>
        <translation>Indirizzo di fatturazione dell&apos;azienda.</translation>
    </message>
    <message>
        <source>Send new sales orders to Gelato automatically, without confirming each.</source>
        <translation>Invia automaticamente i nuovi ordini di vendita a Gelato, senza confermarli uno per uno.</translation>
    </message>
    <message>
        <source>Days to keep API log entries (1–3650).</source>
        <translation>Giorni di conservazione delle voci del registro API (1–3650).</translation>
    </message>
    <message>
        <source>Days to keep processed webhook calls (1–3650).</source>
        <translation>Giorni di conservazione delle chiamate webhook elaborate (1–3650).</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not true or false (also accepted: yes/no, 1/0)</source>
        <translation>&quot;%1&quot; non è true o false (accettati anche: yes/no, 1/0)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a whole number</source>
        <translation>&quot;%1&quot; non è un numero intero</translation>
    </message>
    <message>
        <source>%1 is out of range %2–%3</source>
        <translation>%1 non è compreso tra %2 e %3</translation>
    </message>
    <message>
        <source>a URL is required</source>
        <translation>è necessario un URL</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid URL: %2</source>
        <translation>&quot;%1&quot; non è un URL valido: %2</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an http or https URL</source>
        <translation>&quot;%1&quot; non è un URL http o https</translation>
    </message>
    <message>
        <source>&quot;%1&quot; has no host</source>
        <translation>&quot;%1&quot; non ha un host</translation>
    </message>
    <message>
        <source>%1 is a secret: use `bottega secret set %1`</source>
        <translation>%1 è un segreto: usa `bottega secret set %1`</translation>
    </message>
    <message>
        <source>unknown setting &quot;%1&quot;; see `bottega config list`</source>
        <translation>impostazione &quot;%1&quot; sconosciuta; vedi `bottega config list`</translation>
    </message>
    <message>
        <source>%1: cannot save: the settings file %2 is not a valid INI file; fix or remove it</source>
        <translation>%1: impossibile salvare: il file delle impostazioni %2 non è un file INI valido; correggilo o rimuovilo</translation>
    </message>
    <message>
        <source>%1: cannot save: the settings file %2 is not writable</source>
        <translation>%1: impossibile salvare: il file delle impostazioni %2 non è scrivibile</translation>
    </message>
    <message>
        <source>Entries per Poleepo product batch, parents included (1–1000).</source>
        <translation>Voci per lotto di prodotti Poleepo, padri inclusi (1–1000).</translation>
    </message>
</context>
<context>
    <name>Bottega::SettingsPage</name>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Revert</source>
        <translation>Ripristina</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Impostazioni</translation>
    </message>
    <message>
        <source>Connections to Gelato and Poleepo, and the built-in server that receives their webhooks.</source>
        <translation>Connessioni a Gelato e Poleepo e server integrato che riceve i loro webhook.</translation>
    </message>
    <message>
        <source>Gelato</source>
        <translation>Gelato</translation>
    </message>
    <message>
        <source>Enabled</source>
        <translation>Abilitato</translation>
    </message>
    <message>
        <source>Sync templates from Gelato and send orders to Gelato for printing.</source>
        <translation>Sincronizza i template da Gelato e invia gli ordini a Gelato per la stampa.</translation>
    </message>
    <message>
        <source>Connector:</source>
        <translation>Connettore:</translation>
    </message>
    <message>
        <source>API key:</source>
        <translation>Chiave API:</translation>
    </message>
    <message>
        <source>Webhook secret:</source>
        <translation>Segreto webhook:</translation>
    </message>
    <message>
        <source>Poleepo</source>
        <translation>Poleepo</translation>
    </message>
    <message>
        <source>Integration active</source>
        <translation>Integrazione attiva</translation>
    </message>
    <message>
        <source>Publish products to Poleepo and import its orders.</source>
        <translation>Pubblica i prodotti su Poleepo e importa i suoi ordini.</translation>
    </message>
    <message>
        <source>Client ID:</source>
        <translation>ID client:</translation>
    </message>
    <message>
        <source>Client secret:</source>
        <translation>Segreto client:</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Azienda</translation>
    </message>
    <message>
        <source>Company name:</source>
        <translation>Ragione sociale:</translation>
    </message>
    <message>
        <source>Must match the billing entity of your Gelato account, or Gelato refuses orders.</source>
        <translation>Deve corrispondere all&apos;intestatario della fatturazione del tuo account Gelato, altrimenti Gelato rifiuta gli ordini.</translation>
    </message>
    <message>
        <source>Billing address:</source>
        <translation>Indirizzo di fatturazione:</translation>
    </message>
    <message>
        <source>Built-in server</source>
        <translation>Server integrato</translation>
    </message>
    <message>
        <source>Address and port to listen on (HOST:PORT). A change applies at the next start.</source>
        <translation>Indirizzo e porta su cui restare in ascolto (HOST:PORT). Le modifiche hanno effetto al prossimo avvio.</translation>
    </message>
    <message>
        <source>Listen address:</source>
        <translation>Indirizzo di ascolto:</translation>
    </message>
    <message>
        <source>The address Gelato and Poleepo use to reach this server, usually an HTTPS reverse proxy. Empty: http:// and the listen address.</source>
        <translation>L&apos;indirizzo che Gelato e Poleepo usano per raggiungere questo server, di solito un reverse proxy HTTPS. Se vuoto: http:// seguito dall&apos;indirizzo di ascolto.</translation>
    </message>
    <message>
        <source>Public base URL:</source>
        <translation>URL di base pubblico:</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>Stato:</translation>
    </message>
    <message>
        <source>Settings are not available in this window.</source>
        <translation>Le impostazioni non sono disponibili in questa finestra.</translation>
    </message>
    <message>
        <source>Saving secrets…</source>
        <translation>Salvataggio dei segreti…</translation>
    </message>
    <message>
        <source>Some changes were not saved. The messages under the fields say why.</source>
        <translation>Alcune modifiche non sono state salvate. I messaggi sotto i campi ne indicano il motivo.</translation>
    </message>
    <message>
        <source>Settings saved. Restart Bottega to listen on the new address.</source>
        <translation>Impostazioni salvate. Riavvia Bottega per metterlo in ascolto sul nuovo indirizzo.</translation>
    </message>
    <message>
        <source>Settings saved.</source>
        <translation>Impostazioni salvate.</translation>
    </message>
    <message>
        <source>Listening on %1</source>
        <translation>In ascolto su %1</translation>
    </message>
    <message>
        <source>Not running: %1</source>
        <translation>Non attivo: %1</translation>
    </message>
    <message>
        <source>Not running</source>
        <translation>Non attivo</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verifica connessione</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Verifica in corso…</translation>
    </message>
    <message>
        <source>Connected: Gelato accepted the API key.</source>
        <translation>Connesso: Gelato ha accettato la chiave API.</translation>
    </message>
    <message>
        <source>Not checked yet: Gelato reports the billing entity with the first order sent to it.</source>
        <translation>Non ancora verificato: Gelato comunica l&apos;intestatario della fatturazione con il primo ordine che riceve.</translation>
    </message>
    <message>
        <source>Matches the billing entity Gelato reported on the latest order.</source>
        <translation>Corrisponde all&apos;intestatario della fatturazione indicato da Gelato nell&apos;ultimo ordine.</translation>
    </message>
    <message>
        <source>Does not match the billing entity Gelato reported, and Gelato refuses orders then: %1</source>
        <translation>Non corrisponde all&apos;intestatario della fatturazione indicato da Gelato, e in tal caso Gelato rifiuta gli ordini: %1</translation>
    </message>
</context>
<context>
    <name>Bottega::ShipWithPoleepo</name>
    <message>
        <source>the order did not come from Poleepo</source>
        <translation>l&apos;ordine non proviene da Poleepo</translation>
    </message>
    <message>
        <source>the order is cancelled</source>
        <translation>l&apos;ordine è annullato</translation>
    </message>
    <message>
        <source>Gelato ships this order (Gelato order %1)</source>
        <translation>Questo ordine viene spedito da Gelato (ordine Gelato %1)</translation>
    </message>
    <message>
        <source>not delivered to the shop yet: %1</source>
        <translation>non ancora consegnato al negozio: %1</translation>
    </message>
    <message>
        <source>already shipped with Poleepo shipping %1</source>
        <translation>già spedito con la spedizione Poleepo %1</translation>
    </message>
    <message>
        <source>a shipment needs at least one package with a package type</source>
        <translation>una spedizione richiede almeno un pacco con un tipo di pacco</translation>
    </message>
    <message>
        <source>package %1: no package type with id %2</source>
        <translation>pacco %1: nessun tipo di pacco con id %2</translation>
    </message>
    <message>
        <source>package %1 (%2): %3</source>
        <translation>pacco %1 (%2): %3</translation>
    </message>
    <message>
        <source>not a valid package type for Poleepo: %1</source>
        <translation>tipo di pacco non valido per Poleepo: %1</translation>
    </message>
    <message>
        <source>cannot ship with Poleepo: %1</source>
        <translation>impossibile spedire con Poleepo: %1</translation>
    </message>
    <message>
        <source>choose a carrier</source>
        <translation>scegli un corriere</translation>
    </message>
    <message>
        <source>choose a pickup address</source>
        <translation>scegli un indirizzo di ritiro</translation>
    </message>
    <message>
        <source>Poleepo offers no carrier &quot;%1&quot; (offered: %2)</source>
        <translation>Poleepo non offre il corriere &quot;%1&quot; (disponibili: %2)</translation>
    </message>
    <message>
        <source>Poleepo has no pickup address &quot;%1&quot; (known: %2)</source>
        <translation>Poleepo non ha l&apos;indirizzo di ritiro &quot;%1&quot; (noti: %2)</translation>
    </message>
    <message>
        <source>Poleepo shipping %1 was created, but its label was not stored: %2. Ship again to fetch the label.</source>
        <translation>La spedizione Poleepo %1 è stata creata, ma la sua etichetta non è stata salvata: %2. Spedisci di nuovo per recuperare l&apos;etichetta.</translation>
    </message>
    <message>
        <source>the answer is not a PDF</source>
        <translation>la risposta non è un PDF</translation>
    </message>
    <message>
        <source>the order has no shipping from Ship with Poleepo yet: ship it first</source>
        <translation>l&apos;ordine non ha ancora una spedizione creata con Spedisci con Poleepo: spediscilo prima</translation>
    </message>
    <message>
        <source>Poleepo shipping %1 was already delivered to the carrier on %2</source>
        <translation>La spedizione Poleepo %1 è già stata consegnata al corriere il %2</translation>
    </message>
</context>
<context>
    <name>Bottega::ShipWithPoleepoDialog</name>
    <message>
        <source>Add package</source>
        <translation>Aggiungi pacco</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Rimuovi</translation>
    </message>
    <message>
        <source>Request label</source>
        <translation>Richiedi etichetta</translation>
    </message>
    <message>
        <source>Ship %1 with Poleepo</source>
        <translation>Spedisci %1 con Poleepo</translation>
    </message>
    <message>
        <source>%1 kg, %2×%3×%4 cm</source>
        <translation>%1 kg, %2×%3×%4 cm</translation>
    </message>
    <message>
        <source>%1 (not usable: %2)</source>
        <translation>%1 (non utilizzabile: %2)</translation>
    </message>
    <message>
        <source>No package types: add them in Settings</source>
        <translation>Nessun tipo di pacco: aggiungili in Impostazioni</translation>
    </message>
    <message>
        <source>Poleepo creates the shipping with the carrier and returns its label, which is kept with the order. Every package needs a package type Poleepo knows.</source>
        <translation>Poleepo crea la spedizione con il corriere e restituisce la sua etichetta, che viene conservata con l&apos;ordine. Ogni pacco richiede un tipo di pacco noto a Poleepo.</translation>
    </message>
    <message>
        <source>Pickup address:</source>
        <translation>Indirizzo di ritiro:</translation>
    </message>
    <message>
        <source>Carrier:</source>
        <translation>Corriere:</translation>
    </message>
    <message>
        <source>Package type:</source>
        <translation>Tipo di pacco:</translation>
    </message>
    <message>
        <source>Packages:</source>
        <translation>Pacchi:</translation>
    </message>
    <message>
        <source>Shipping with Poleepo is not available here.</source>
        <translation>La spedizione con Poleepo non è disponibile qui.</translation>
    </message>
    <message>
        <source>Asking Poleepo for its carriers…</source>
        <translation>Richiesta dei corrieri a Poleepo…</translation>
    </message>
    <message>
        <source>Package %1: %2</source>
        <translation>Pacco %1: %2</translation>
    </message>
    <message>
        <source>Asking Poleepo for the label…</source>
        <translation>Richiesta dell&apos;etichetta a Poleepo…</translation>
    </message>
</context>
<context>
    <name>Bottega::ShipmentRepository</name>
    <message>
        <source>cannot read the Poleepo shippings</source>
        <translation>impossibile leggere le spedizioni Poleepo</translation>
    </message>
    <message>
        <source>no shipping with id %1</source>
        <translation>nessuna spedizione con id %1</translation>
    </message>
    <message>
        <source>cannot read the parcels of shipping %1</source>
        <translation>impossibile leggere i pacchi della spedizione %1</translation>
    </message>
    <message>
        <source>cannot save Poleepo shipping %1</source>
        <translation>impossibile salvare la spedizione Poleepo %1</translation>
    </message>
    <message>
        <source>cannot save shipping %1</source>
        <translation>impossibile salvare la spedizione %1</translation>
    </message>
    <message>
        <source>cannot read the lines of order %1</source>
        <translation>impossibile leggere le righe dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot save the lines of order %1</source>
        <translation>impossibile salvare le righe dell&apos;ordine %1</translation>
    </message>
    <message>
        <source>cannot read package type %1</source>
        <translation>impossibile leggere il tipo di pacco %1</translation>
    </message>
</context>
<context>
    <name>Bottega::TemplateSync</name>
    <message>
        <source>a template synchronization is already running</source>
        <translation>una sincronizzazione di template è già in corso</translation>
    </message>
    <message>
        <source>the Gelato template id is empty</source>
        <translation>l&apos;id del template Gelato è vuoto</translation>
    </message>
    <message>
        <source>Fetching Gelato template &quot;%1&quot;</source>
        <translation>Lettura del template Gelato &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fatto</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>annullato</translation>
    </message>
    <message>
        <source>Gelato template &quot;%1&quot; has no variants</source>
        <translation>il template Gelato &quot;%1&quot; non ha varianti</translation>
    </message>
    <message>
        <source>Gelato template &quot;%1&quot;: variants[%2].productUid is empty</source>
        <translation>template Gelato &quot;%1&quot;: variants[%2].productUid è vuoto</translation>
    </message>
    <message>
        <source>cannot store Gelato template &quot;%1&quot;: %2</source>
        <translation>impossibile salvare il template Gelato &quot;%1&quot;: %2</translation>
    </message>
    <message>
        <source>Storing &quot;%1&quot;: %2 of %3 variants</source>
        <translation>Salvataggio di &quot;%1&quot;: %2 di %3 varianti</translation>
    </message>
    <message>
        <source>Synchronizing Gelato template &quot;%1&quot;</source>
        <translation>Sincronizzazione del template Gelato &quot;%1&quot;</translation>
    </message>
    <message numerus="yes">
        <source>&quot;%1&quot;: %n variant(s) created</source>
        <translation>
            <numerusform>&quot;%1&quot;: %n variante creata</numerusform>
            <numerusform>&quot;%1&quot;: %n varianti create</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bottega::TimeRangeFilter</name>
    <message>
        <source>From</source>
        <translation>Da</translation>
    </message>
    <message>
        <source>To</source>
        <translation>A</translation>
    </message>
    <message>
        <source>The time range ends (%1) before it starts (%2): change From or To.</source>
        <translation>L&apos;intervallo di tempo finisce (%1) prima di iniziare (%2): modifica Da o A.</translation>
    </message>
</context>
<context>
    <name>Bottega::UnsavedChanges</name>
    <message>
        <source>Unsaved changes</source>
        <translation>Modifiche non salvate</translation>
    </message>
    <message>
        <source>Save the changes before closing? Discarded changes are lost.</source>
        <translation>Salvare le modifiche prima di chiudere? Le modifiche scartate vanno perse.</translation>
    </message>
</context>
<context>
    <name>Bottega::VariantEditorDialog</name>
    <message>
        <source>Published on Poleepo</source>
        <translation>Pubblicato su Poleepo</translation>
    </message>
    <message>
        <source>Override from URL…</source>
        <translation>Immagine specifica da URL…</translation>
    </message>
    <message>
        <source>Override from file…</source>
        <translation>Immagine specifica da file…</translation>
    </message>
    <message>
        <source>Remove override</source>
        <translation>Rimuovi immagine specifica</translation>
    </message>
    <message>
        <source>Variant: %1</source>
        <translation>Variante: %1</translation>
    </message>
    <message>
        <source>The Gelato product UID printed for this variant.</source>
        <translation>Il product UID di Gelato stampato per questa variante.</translation>
    </message>
    <message>
        <source>Title:</source>
        <translation>Titolo:</translation>
    </message>
    <message>
        <source>Product UID:</source>
        <translation>Product UID:</translation>
    </message>
    <message>
        <source>SKU:</source>
        <translation>SKU:</translation>
    </message>
    <message>
        <source>EAN:</source>
        <translation>EAN:</translation>
    </message>
    <message>
        <source>UPC:</source>
        <translation>UPC:</translation>
    </message>
    <message>
        <source>ISBN:</source>
        <translation>ISBN:</translation>
    </message>
    <message>
        <source>MPN:</source>
        <translation>MPN:</translation>
    </message>
    <message>
        <source>Price extra:</source>
        <translation>Sovrapprezzo:</translation>
    </message>
    <message>
        <source>Quantity:</source>
        <translation>Quantità:</translation>
    </message>
    <message>
        <source>Weight (g):</source>
        <translation>Peso (g):</translation>
    </message>
    <message>
        <source>Print images</source>
        <translation>Immagini di stampa</translation>
    </message>
    <message>
        <source>Placement</source>
        <translation>Posizione</translation>
    </message>
    <message>
        <source>Uses</source>
        <translation>Utilizza</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Its own override</source>
        <translation>La propria immagine specifica</translation>
    </message>
    <message>
        <source>The product&apos;s default</source>
        <translation>L&apos;immagine predefinita del prodotto</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Mancante</translation>
    </message>
    <message>
        <source>Print image for &quot;%1&quot;</source>
        <translation>Immagine di stampa per &quot;%1&quot;</translation>
    </message>
    <message>
        <source>Print files (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)</source>
        <translation>File di stampa (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Override print image</source>
        <translation>Immagine di stampa specifica</translation>
    </message>
    <message>
        <source>URL of the image for &quot;%1&quot; (http or https):</source>
        <translation>URL dell&apos;immagine per &quot;%1&quot; (http o https):</translation>
    </message>
    <message>
        <source>Not on Poleepo yet</source>
        <translation>Non ancora su Poleepo</translation>
    </message>
    <message>
        <source>Poleepo product id %1</source>
        <translation>id prodotto Poleepo %1</translation>
    </message>
    <message>
        <source>needs update</source>
        <translation>da aggiornare</translation>
    </message>
    <message>
        <source>last sent %1</source>
        <translation>ultimo invio %1</translation>
    </message>
    <message>
        <source>Sent to Poleepo with the next product batch.</source>
        <translation>Inviato a Poleepo con il prossimo lotto di prodotti.</translation>
    </message>
    <message>
        <source>Remove print image</source>
        <translation>Rimuovi immagine di stampa</translation>
    </message>
    <message>
        <source>Without its own image this variant has nothing to print on &quot;%1&quot;, so it will be unpublished from Poleepo. Remove the image and unpublish it?</source>
        <translation>Senza una propria immagine questa variante non ha nulla da stampare su &quot;%1&quot;, quindi la sua pubblicazione su Poleepo verrà annullata. Rimuovere l&apos;immagine e annullarne la pubblicazione?</translation>
    </message>
</context>
<context>
    <name>Bottega::VariantRepository</name>
    <message>
        <source>cannot save variant %1</source>
        <translation>impossibile salvare la variante %1</translation>
    </message>
    <message>
        <source>cannot save variant %1: no id returned</source>
        <translation>impossibile salvare la variante %1: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot save the options of variant %1</source>
        <translation>impossibile salvare le opzioni della variante %1</translation>
    </message>
    <message>
        <source>variant %1: the product has no value &quot;%2&quot; for attribute &quot;%3&quot;</source>
        <translation>variante %1: il prodotto non ha il valore &quot;%2&quot; per l&apos;attributo &quot;%3&quot;</translation>
    </message>
    <message>
        <source>cannot save option %1 of variant %2</source>
        <translation>impossibile salvare l&apos;opzione %1 della variante %2</translation>
    </message>
    <message>
        <source>cannot read variant options</source>
        <translation>impossibile leggere le opzioni delle varianti</translation>
    </message>
    <message>
        <source>cannot read variant %1</source>
        <translation>impossibile leggere la variante %1</translation>
    </message>
    <message>
        <source>no variant with id %1</source>
        <translation>nessuna variante con id %1</translation>
    </message>
    <message>
        <source>cannot read the variants of product %1</source>
        <translation>impossibile leggere le varianti del prodotto %1</translation>
    </message>
    <message>
        <source>cannot look up SKU %1</source>
        <translation>impossibile cercare lo SKU %1</translation>
    </message>
    <message>
        <source>cannot change &quot;Published on Poleepo&quot;</source>
        <translation>impossibile modificare &quot;Pubblicato su Poleepo&quot;</translation>
    </message>
    <message>
        <source>cannot archive variant %1</source>
        <translation>impossibile archiviare la variante %1</translation>
    </message>
    <message>
        <source>cannot delete variant %1</source>
        <translation>impossibile eliminare la variante %1</translation>
    </message>
    <message>
        <source>variant %1 is on an order and cannot be deleted; archive it instead</source>
        <translation>la variante %1 è presente in un ordine e non può essere eliminata; archiviala invece</translation>
    </message>
    <message>
        <source>cannot look up the orders of variant %1</source>
        <translation>impossibile cercare gli ordini della variante %1</translation>
    </message>
</context>
<context>
    <name>Bottega::VariantTableModel</name>
    <message>
        <source>No print image for: %1</source>
        <translation>Nessuna immagine di stampa per: %1</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completo</translation>
    </message>
    <message>
        <source>Missing: %1</source>
        <translation>Mancanti: %1</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sì</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archiviata</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>Opzioni</translation>
    </message>
    <message>
        <source>Product UID</source>
        <translation>Product UID</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>EAN</source>
        <translation>EAN</translation>
    </message>
    <message>
        <source>Price extra</source>
        <translation>Sovrapprezzo</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantità</translation>
    </message>
    <message>
        <source>Print images</source>
        <translation>Immagini di stampa</translation>
    </message>
    <message>
        <source>On Poleepo</source>
        <translation>Su Poleepo</translation>
    </message>
    <message>
        <source>Needs update</source>
        <translation>Da aggiornare</translation>
    </message>
    <message>
        <source>The SKU Poleepo knows this variant by.</source>
        <translation>Lo SKU con cui Poleepo identifica questa variante.</translation>
    </message>
    <message>
        <source>Last sent to Poleepo: %1</source>
        <translation>Ultimo invio a Poleepo: %1</translation>
    </message>
    <message>
        <source>Not sent to Poleepo yet.</source>
        <translation>Non ancora inviato a Poleepo.</translation>
    </message>
    <message>
        <source>Poleepo product id</source>
        <translation>ID prodotto Poleepo</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookInboxRepository</name>
    <message>
        <source>cannot look for the %1 event %2 in the webhook queue: </source>
        <translation>impossibile cercare l&apos;evento %2 di %1 nella coda dei webhook: </translation>
    </message>
    <message>
        <source>cannot store the %1 webhook %2: </source>
        <translation>impossibile salvare il webhook %2 di %1: </translation>
    </message>
    <message>
        <source>no id came back</source>
        <translation>non è tornato alcun id</translation>
    </message>
    <message>
        <source>cannot move the accepted webhook calls into the queue</source>
        <translation>impossibile spostare nella coda le chiamate webhook accettate</translation>
    </message>
    <message>
        <source>cannot read the webhook inbox</source>
        <translation>impossibile leggere la casella d&apos;arrivo dei webhook</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookIntake</name>
    <message>
        <source>webhook secret not configured</source>
        <translation>segreto webhook non configurato</translation>
    </message>
    <message>
        <source>gelato webhook: the signature header is missing</source>
        <translation>webhook gelato: manca l&apos;header signature</translation>
    </message>
    <message>
        <source>gelato webhook: the signature is wrong</source>
        <translation>webhook gelato: la firma è errata</translation>
    </message>
    <message>
        <source>no active Poleepo webhook named %1</source>
        <translation>nessun webhook Poleepo attivo denominato %1</translation>
    </message>
    <message>
        <source>poleepo webhook: the X-Poleepo-Signature header is missing</source>
        <translation>webhook poleepo: manca l&apos;header X-Poleepo-Signature</translation>
    </message>
    <message>
        <source>poleepo webhook: the signature is wrong</source>
        <translation>webhook poleepo: la firma è errata</translation>
    </message>
    <message>
        <source>webhook body is not a JSON object</source>
        <translation>il corpo del webhook non è un oggetto JSON</translation>
    </message>
    <message>
        <source>webhook body has no event</source>
        <translation>il corpo del webhook non contiene alcun evento</translation>
    </message>
    <message>
        <source>webhook not stored: %1</source>
        <translation>webhook non memorizzato: %1</translation>
    </message>
    <message>
        <source>the server is stopping</source>
        <translation>il server si sta arrestando</translation>
    </message>
    <message>
        <source>webhook secret not read yet; try again</source>
        <translation>segreto del webhook non ancora letto; riprova</translation>
    </message>
    <message>
        <source>too many webhook calls waiting to be stored; try again</source>
        <translation>troppe chiamate webhook in attesa di essere salvate; riprova</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookQueuePage</name>
    <message>
        <source>Retry selected</source>
        <translation>Riprova selezionati</translation>
    </message>
    <message>
        <source>Clean up</source>
        <translation>Pulisci</translation>
    </message>
    <message>
        <source>Webhooks</source>
        <translation>Webhook</translation>
    </message>
    <message>
        <source>Calls received from Gelato and Poleepo, with their state and payload.</source>
        <translation>Chiamate ricevute da Gelato e Poleepo, con stato e payload.</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>Qualsiasi stato</translation>
    </message>
    <message>
        <source>Any source</source>
        <translation>Qualsiasi origine</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Search event id, error, note</source>
        <translation>Cerca per id evento, errore, nota</translation>
    </message>
    <message>
        <source>Removes Done and Ignored calls older than the retention period</source>
        <translation>Rimuove le chiamate in stato Done e Ignored più vecchie del periodo di conservazione</translation>
    </message>
    <message>
        <source>Select a call to see its payload.</source>
        <translation>Seleziona una chiamata per vederne il payload.</translation>
    </message>
    <message>
        <source>The webhook queue is unavailable: no database.</source>
        <translation>La coda webhook non è disponibile: nessun database.</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook call(s) failed: see the Failed ones in the list.</source>
        <translation>
            <numerusform>%n chiamata webhook non riuscita: vedi quelle in stato Failed nell&apos;elenco.</numerusform>
            <numerusform>%n chiamate webhook non riuscite: vedi quelle in stato Failed nell&apos;elenco.</numerusform>
        </translation>
    </message>
    <message>
        <source>Select the calls to retry first.</source>
        <translation>Seleziona prima le chiamate da ritentare.</translation>
    </message>
    <message numerus="yes">
        <source>%n call(s) back in the queue.</source>
        <translation>
            <numerusform>%n chiamata rimessa in coda.</numerusform>
            <numerusform>%n chiamate rimesse in coda.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n processed call(s) older than %1 days removed.</source>
        <translation>
            <numerusform>Rimossa %n chiamata elaborata più vecchia di %1 giorni.</numerusform>
            <numerusform>Rimosse %n chiamate elaborate più vecchie di %1 giorni.</numerusform>
        </translation>
    </message>
    <message>
        <source>Bottega</source>
        <translation>Bottega</translation>
    </message>
    <message numerus="yes">
        <source>%n webhook call(s) just failed</source>
        <translation>
            <numerusform>%n chiamata webhook appena non riuscita</numerusform>
            <numerusform>%n chiamate webhook appena non riuscite</numerusform>
        </translation>
    </message>
    <message>
        <source>Clean up webhooks</source>
        <translation>Pulisci webhook</translation>
    </message>
    <message numerus="yes">
        <source>Remove the Done and Ignored calls processed more than %n day(s) ago? This cannot be undone.</source>
        <translation>
            <numerusform>Rimuovere le chiamate Completate e Ignorate elaborate più di %n giorno fa? L&apos;operazione non si può annullare.</numerusform>
            <numerusform>Rimuovere le chiamate Completate e Ignorate elaborate più di %n giorni fa? L&apos;operazione non si può annullare.</numerusform>
        </translation>
    </message>
    <message>
        <source>Puts the selected calls back in the queue, to be processed again</source>
        <translation>Rimette in coda le chiamate selezionate, per elaborarle di nuovo</translation>
    </message>
    <message>
        <source>Select one or more calls in the list to retry them</source>
        <translation>Seleziona una o più chiamate nell&apos;elenco per ritentarle</translation>
    </message>
    <message>
        <source>Only calls received from this time on</source>
        <translation>Solo le chiamate ricevute da quest&apos;ora in poi</translation>
    </message>
    <message>
        <source>Only calls received before this time</source>
        <translation>Solo le chiamate ricevute prima di quest&apos;ora</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookQueueRepository</name>
    <message>
        <source>cannot queue the %1 webhook %2</source>
        <translation>impossibile accodare il webhook %1 %2</translation>
    </message>
    <message>
        <source>cannot read webhook %1</source>
        <translation>impossibile leggere il webhook %1</translation>
    </message>
    <message>
        <source>no webhook with id %1 in the queue</source>
        <translation>nessun webhook con id %1 nella coda</translation>
    </message>
    <message>
        <source>cannot read the webhook queue</source>
        <translation>impossibile leggere la coda webhook</translation>
    </message>
    <message>
        <source>cannot count the webhook queue</source>
        <translation>impossibile contare i webhook in coda</translation>
    </message>
    <message>
        <source>cannot update webhook %1</source>
        <translation>impossibile aggiornare il webhook %1</translation>
    </message>
    <message>
        <source>cannot retry webhooks</source>
        <translation>impossibile ritentare i webhook</translation>
    </message>
    <message>
        <source>cannot release abandoned webhooks</source>
        <translation>impossibile rilasciare i webhook abbandonati</translation>
    </message>
    <message>
        <source>cannot clean up the webhook queue</source>
        <translation>impossibile ripulire la coda webhook</translation>
    </message>
    <message>
        <source>cannot claim webhooks from the queue</source>
        <translation>impossibile prelevare webhook dalla coda</translation>
    </message>
    <message>
        <source>cannot take webhooks from the queue</source>
        <translation>impossibile prendere i webhook dalla coda</translation>
    </message>
    <message>
        <source>some of the webhooks to claim are no longer in the queue</source>
        <translation>alcuni dei webhook da prendere in carico non sono più nella coda</translation>
    </message>
    <message>
        <source>cannot update webhooks %1</source>
        <translation>impossibile aggiornare i webhook %1</translation>
    </message>
    <message>
        <source>webhooks %1 are not all in the queue</source>
        <translation>i webhook %1 non sono tutti nella coda</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookRecordDialog</name>
    <message>
        <source>STATUS_ORDER: orders created or changed</source>
        <translation>STATUS_ORDER: ordini creati o modificati</translation>
    </message>
    <message>
        <source>STATUS_SHIPMENT: shipments and tracking</source>
        <translation>STATUS_SHIPMENT: spedizioni e tracciamento</translation>
    </message>
    <message>
        <source>Active: calls to this URL are accepted</source>
        <translation>Attivo: le chiamate a questo URL vengono accettate</translation>
    </message>
    <message>
        <source>Paste this URL into Poleepo&apos;s webhook form:</source>
        <translation>Incolla questo URL nel modulo webhook di Poleepo:</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Salva</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Chiudi</translation>
    </message>
    <message>
        <source>Poleepo webhook %1</source>
        <translation>Webhook Poleepo %1</translation>
    </message>
    <message>
        <source>New Poleepo webhook</source>
        <translation>Nuovo webhook Poleepo</translation>
    </message>
    <message>
        <source>letters, digits, - or _</source>
        <translation>lettere, cifre, - o _</translation>
    </message>
    <message>
        <source>unchanged; type a new secret to replace it</source>
        <translation>invariata; digita una nuova chiave segreta per sostituirla</translation>
    </message>
    <message>
        <source>the secret key set in Poleepo</source>
        <translation>la chiave segreta impostata in Poleepo</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Nome:</translation>
    </message>
    <message>
        <source>Secret key:</source>
        <translation>Chiave segreta:</translation>
    </message>
    <message>
        <source>Events:</source>
        <translation>Eventi:</translation>
    </message>
    <message>
        <source>Webhook records are unavailable: no database.</source>
        <translation>Le registrazioni webhook non sono disponibili: nessun database.</translation>
    </message>
    <message>
        <source>Name: use letters, digits, - or _ only, without spaces.</source>
        <translation>Nome: usa solo lettere, cifre, - o _, senza spazi.</translation>
    </message>
    <message>
        <source>Events: choose at least one.</source>
        <translation>Eventi: scegline almeno uno.</translation>
    </message>
    <message>
        <source>Secret key: type the key Poleepo signs its calls with.</source>
        <translation>Chiave segreta: digita la chiave con cui Poleepo firma le sue chiamate.</translation>
    </message>
    <message>
        <source>Secret key: no writable secret store (keyring) is available.</source>
        <translation>Chiave segreta: non è disponibile alcun archivio segreti scrivibile (portachiavi).</translation>
    </message>
    <message>
        <source>Saving the secret key…</source>
        <translation>Salvataggio della chiave segreta…</translation>
    </message>
    <message>
        <source>Secret key: %1</source>
        <translation>Chiave segreta: %1</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Salvato.</translation>
    </message>
    <message>
        <source>Saved. Set a valid public base URL in Settings to get the full URL.</source>
        <translation>Salvato. Imposta un URL di base pubblico valido nelle Impostazioni per ottenere l&apos;URL completo.</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookRecordRepository</name>
    <message>
        <source>a webhook record named &quot;%1&quot; already exists</source>
        <translation>esiste già una registrazione webhook denominata &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save webhook record &quot;%1&quot;</source>
        <translation>impossibile salvare la registrazione webhook &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot save webhook record &quot;%1&quot;: no id returned</source>
        <translation>impossibile salvare la registrazione webhook &quot;%1&quot;: nessun id restituito</translation>
    </message>
    <message>
        <source>cannot read webhook record %1</source>
        <translation>impossibile leggere la registrazione webhook %1</translation>
    </message>
    <message>
        <source>no webhook record with id %1</source>
        <translation>nessuna registrazione webhook con id %1</translation>
    </message>
    <message>
        <source>cannot read webhook record &quot;%1&quot;</source>
        <translation>impossibile leggere la registrazione webhook &quot;%1&quot;</translation>
    </message>
    <message>
        <source>cannot read the webhook records</source>
        <translation>impossibile leggere le registrazioni webhook</translation>
    </message>
    <message>
        <source>cannot delete webhook record %1</source>
        <translation>impossibile eliminare la registrazione webhook %1</translation>
    </message>
</context>
<context>
    <name>Bottega::WebhookTableModel</name>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Ricevuto</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Origine</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Evento</translation>
    </message>
    <message>
        <source>Event ID</source>
        <translation>ID evento</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Stato</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Tentativi</translation>
    </message>
    <message>
        <source>Error or note</source>
        <translation>Errore o nota</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>In attesa</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>In elaborazione</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Completato</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Non riuscito</translation>
    </message>
    <message>
        <source>Ignored</source>
        <translation>Ignorato</translation>
    </message>
</context>
<context>
    <name>Bottega::WindowLauncher</name>
    <message>
        <source>Bottega cannot start</source>
        <translation>Impossibile avviare Bottega</translation>
    </message>
    <message>
        <source>the window needs a desktop session (no display found); on a server, run `bottega serve`</source>
        <translation>la finestra ha bisogno di una sessione desktop (nessuno schermo trovato); su un server usa `bottega serve`</translation>
    </message>
</context>
<context>
    <name>QCoreApplication</name>
    <message>
        <source>No webhook calls received yet.</source>
        <translation>Nessuna chiamata webhook ricevuta finora.</translation>
    </message>
</context>
</TS>
