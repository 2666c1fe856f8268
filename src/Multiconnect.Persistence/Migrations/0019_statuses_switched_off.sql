-- Statuses whose kind the application settings switch off are no longer written (PostgresCallbackStore.
-- RecordStatusesAsync judges them when they happen), so the dispatcher no longer skips any. The ones
-- written before and still waiting are done with here, as the dispatcher would have done with them:
-- marked delivered, unsent. Without a settings row the defaults hold: sent off, delivered and read on.
UPDATE webhook_outbox AS callback
   SET delivered_at = now()
  FROM (SELECT DISTINCT service_id FROM webhook_outbox) AS service
  LEFT JOIN application_settings AS settings USING (service_id)
 WHERE callback.service_id = service.service_id AND callback.delivered_at IS NULL AND callback.kind = 'status'
   AND NOT CASE callback.status WHEN 'sent' THEN coalesce(settings.sent_status, false)
                                WHEN 'delivered' THEN coalesce(settings.delivered_status, true)
                                WHEN 'read' THEN coalesce(settings.read_status, true)
                                ELSE true END;
