-- The specification's six default goals, created once with the database (a goal the learner
-- deletes stays deleted).
INSERT INTO goal_definitions (id, name, description, goal_type, frequency, target_metric,
                              target_value, comparison, filters, icon, color, enabled,
                              created_utc, updated_utc)
VALUES
  ('weekly_sessions', 'Weekly Learner', 'Complete at least 5 learning sessions this week',
   'activity', 'weekly', 'session_count', 5, 'gte', NULL, 'calendar', '#4F46E5', 1, 0, 0),
  ('daily_engagement', 'Daily Engagement', 'Have at least 10 exchanges today',
   'activity', 'daily', 'exchange_count', 10, 'gte', NULL, 'message', '#10B981', 1, 0, 0),
  ('quality_target', 'Quality Champion', 'Maintain average quality score above 80%',
   'quality', 'weekly', 'avg_quality_composite', 0.80, 'gte', NULL, 'star', '#F59E0B', 1, 0, 0),
  ('daily_streak', 'Consistency King', 'Learn something every day',
   'streak', 'daily', 'sessions_today', 1, 'gte', NULL, 'fire', '#EF4444', 1, 0, 0),
  ('100_sessions', 'Century Club', 'Complete 100 total learning sessions',
   'milestone', 'one_time', 'total_sessions', 100, 'gte', NULL, 'trophy', '#8B5CF6', 1, 0, 0),
  ('50_topics', 'Knowledge Explorer', 'Explore 50 different topics',
   'milestone', 'one_time', 'unique_topics', 50, 'gte', NULL, 'map', '#06B6D4', 1, 0, 0);
