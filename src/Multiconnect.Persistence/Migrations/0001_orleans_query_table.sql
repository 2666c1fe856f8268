-- The Orleans ADO.NET providers look up the SQL they run in a table named OrleansQuery
-- (QueryKey, QueryText): that name and those two columns are the only ones fixed in their code.
-- Every other table and statement below is ours.
CREATE TABLE OrleansQuery (
    QueryKey  text PRIMARY KEY,
    QueryText text NOT NULL
);
